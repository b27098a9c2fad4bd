/** The first bytes of a Windows program: `MZ`, and e_lfanew (at 0x3C) pointing at `PE\0\0`. */
export function windowsProgram(): Buffer {
  const bytes = Buffer.alloc(0x100);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
