// Reads the header of a Powers of Tau file, so that an external ptau that is
// too small or not prepared for phase 2 is rejected before it is used.
import { readBinFile } from "@iden3/binfileutils";

/** Header of a .ptau file: its power (2^power rows) and whether phase 2 was prepared. */
export interface PtauInfo {
  power: number;
  prepared: boolean;
}

/** Section 12 (Lagrange coefficients in G1) exists only after `powersoftau prepare phase2`. */
const PREPARED_SECTION = 12;

export async function readPtauInfo(file: string): Promise<PtauInfo> {
  let handle;
  try {
    handle = await readBinFile(file, "ptau", 1);
  } catch (error) {
    throw new Error(`${file} is not a Powers of Tau file: ${(error as Error).message}`);
  }
  const { fd, sections } = handle;
  try {
    if (!sections[1]) throw new Error(`${file} has no ptau header section`);
    fd.pos = sections[1][0].p;
    const n8 = await fd.readULE32();
    await fd.read(n8);
    const power = await fd.readULE32();
    return { power, prepared: Boolean(sections[PREPARED_SECTION]) };
  } finally {
    await fd.close();
  }
}

/** Throws unless the ptau is prepared for phase 2 and has at least `rows` rows. */
export async function requireUsablePtau(file: string, rows: number): Promise<PtauInfo> {
  const info = await readPtauInfo(file);
  if (!info.prepared) {
    throw new Error(`${file} is not prepared for phase 2; run \`snarkjs powersoftau prepare phase2\` on it first`);
  }
  if (2 ** info.power < rows) {
    const needed = Math.ceil(Math.log2(rows));
    throw new Error(
      `${file} has 2^${info.power} rows but the circuit needs ${rows} (constraints plus public inputs); use a ptau of power ${needed} or more`,
    );
  }
  return info;
}
