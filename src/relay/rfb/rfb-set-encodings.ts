import { ClientMessageType, PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY, SET_ENCODINGS_HEADER_LENGTH } from './rfb-messages';

/**
 * Rebuilds a SetEncodings message from its list of s32 encodings, without
 * the pseudo-encodings that would let the viewer send messages the
 * view-only filter refuses. Order (the viewer's preference) is kept.
 */
export function setEncodingsForViewOnly(encodingList: Buffer): Buffer {
  const kept: number[] = [];
  for (let offset = 0; offset + 4 <= encodingList.length; offset += 4) {
    const encoding = encodingList.readInt32BE(offset);
    if (!PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY.has(encoding)) kept.push(encoding);
  }
  const message = Buffer.alloc(SET_ENCODINGS_HEADER_LENGTH + 4 * kept.length);
  message.writeUInt8(ClientMessageType.SetEncodings, 0);
  message.writeUInt16BE(kept.length, 2);
  kept.forEach((encoding, index) => message.writeInt32BE(encoding, SET_ENCODINGS_HEADER_LENGTH + 4 * index));
  return message;
}
