// Customer page storage in localStorage: identity, credential and handle. None of it is sent to the service.

const IDENTITY_KEY = "zkseg.identity";
const CREDENTIAL_KEY = "zkseg.credential";
const HANDLE_KEY = "zkseg.handle";

function read(key: string): string | null {
  return window.localStorage.getItem(key);
}

function write(key: string, value: string | null): void {
  if (value === null) window.localStorage.removeItem(key);
  else window.localStorage.setItem(key, value);
}

/** The exported identity text ("zkseg-id1:…"), or null. */
export const storedIdentity = {
  load: (): string | null => read(IDENTITY_KEY),
  save: (exported: string | null): void => write(IDENTITY_KEY, exported),
};

/** The credential document as the JSON text the customer loaded, or null. */
export const storedCredential = {
  load: (): string | null => read(CREDENTIAL_KEY),
  save: (json: string | null): void => write(CREDENTIAL_KEY, json),
};

/** The targeting handle the customer last typed, or null. */
export const storedHandle = {
  load: (): string | null => read(HANDLE_KEY),
  save: (handle: string | null): void => write(HANDLE_KEY, handle),
};
