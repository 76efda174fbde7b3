/** Builders for RFB byte sequences, as a real viewer or server would send them. Test use only. */

const u32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
};

export const protocolVersion = (major: number, minor: number): Buffer =>
  Buffer.from(`RFB ${String(major).padStart(3, '0')}.${String(minor).padStart(3, '0')}\n`, 'latin1');

export const server = {
  securityType33: (type: number): Buffer => u32(type),
  securityTypes: (...types: number[]): Buffer => Buffer.from([types.length, ...types]),
  vncAuthChallenge: (): Buffer => Buffer.alloc(16, 0xc4),
  securityResultOk: (): Buffer => u32(0),
  securityResultFailed: (reason?: string): Buffer =>
    reason === undefined ? u32(1) : Buffer.concat([u32(1), u32(Buffer.byteLength(reason)), Buffer.from(reason)]),
  failureReason: (reason: string): Buffer => Buffer.concat([u32(Buffer.byteLength(reason)), Buffer.from(reason)]),
  serverInit: (name: string): Buffer => {
    const header = Buffer.alloc(24);
    header.writeUInt16BE(1920, 0);
    header.writeUInt16BE(1080, 2);
    header.writeUInt32BE(Buffer.byteLength(name), 20);
    return Buffer.concat([header, Buffer.from(name)]);
  },
};

export const viewer = {
  securityChoice: (type: number): Buffer => Buffer.of(type),
  vncAuthResponse: (): Buffer => Buffer.alloc(16, 0x5a),
  clientInit: (shared: boolean): Buffer => Buffer.of(shared ? 1 : 0),
};

export const clientMessage = {
  setPixelFormat: (fill = 0x20): Buffer => Buffer.concat([Buffer.of(0, 0, 0, 0), Buffer.alloc(16, fill)]),
  setEncodings: (encodings: number[]): Buffer => {
    const message = Buffer.alloc(4 + 4 * encodings.length);
    message[0] = 2;
    message.writeUInt16BE(encodings.length, 2);
    encodings.forEach((encoding, index) => message.writeInt32BE(encoding, 4 + 4 * index));
    return message;
  },
  framebufferUpdateRequest: (incremental = true, width = 1920, height = 1080): Buffer => {
    const message = Buffer.alloc(10);
    message[0] = 3;
    message[1] = incremental ? 1 : 0;
    message.writeUInt16BE(width, 6);
    message.writeUInt16BE(height, 8);
    return message;
  },
  keyEvent: (keysym: number, down = true): Buffer => {
    const message = Buffer.alloc(8);
    message[0] = 4;
    message[1] = down ? 1 : 0;
    message.writeUInt32BE(keysym, 4);
    return message;
  },
  pointerEvent: (buttons: number, x: number, y: number): Buffer => {
    const message = Buffer.alloc(6);
    message[0] = 5;
    message[1] = buttons;
    message.writeUInt16BE(x, 2);
    message.writeUInt16BE(y, 4);
    return message;
  },
  clientCutText: (text: string): Buffer => cutText(Buffer.byteLength(text, 'latin1'), Buffer.from(text, 'latin1')),
  extendedClientCutText: (payload: Buffer): Buffer => cutText(-payload.length, payload),
  cutTextHeader: (declaredLength: number): Buffer => cutText(declaredLength, Buffer.alloc(0)),
};

function cutText(declaredLength: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = 6;
  header.writeInt32BE(declaredLength, 4);
  return Buffer.concat([header, payload]);
}

/**
 * Reads a viewer→server message stream the way an RFB server would and
 * returns the message types in it; throws on anything but the types a
 * view-only viewer may send. A trailing incomplete message is allowed.
 */
export function messageTypesAsServerSeesThem(stream: Buffer): number[] {
  const types: number[] = [];
  let offset = 0;
  while (offset < stream.length) {
    const type = stream[offset];
    types.push(type);
    if (type === 0) offset += 20;
    else if (type === 3) offset += 10;
    else if (type === 2) {
      if (offset + 4 > stream.length) break;
      offset += 4 + 4 * stream.readUInt16BE(offset + 2);
    } else throw new Error(`server would read message type ${type} at byte ${offset}`);
  }
  return types;
}
