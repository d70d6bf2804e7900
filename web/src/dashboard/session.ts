// The marketer's API key, kept in sessionStorage so it disappears when the tab closes.
const API_KEY = "zkseg.apiKey";

export const session = {
  load: (): string | null => window.sessionStorage.getItem(API_KEY),
  save: (apiKey: string): void => window.sessionStorage.setItem(API_KEY, apiKey),
  clear: (): void => window.sessionStorage.removeItem(API_KEY),
};
