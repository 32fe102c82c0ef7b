/**
 * A WebSocket text message as a server sends it (RFC 6455 §5.2): one final frame, opcode 1, unmasked,
 * its length in 7, 16 or 64 bits. The shared subscriptions write these straight to a connection's TCP
 * socket: one buffer and one write per subscriber, where `ws`'s `send` makes a header buffer and a
 * corked two-part write of its own for each (see shared-subscriptions.ts for what that saves).
 *
 * Only valid on connections without permessage-deflate, whose frames `ws` never holds back: the gateway's
 * WebSocket server turns that extension off.
 */
const FINAL_TEXT_FRAME = 0x81;

/** One text frame holding `parts` (already UTF-8) one after the other. */
export function textFrame(...parts: Uint8Array[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FINAL_TEXT_FRAME;
  if (headerLength === 2) frame[1] = length;
  else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = headerLength;
  for (const part of parts) {
    frame.set(part, offset);
    offset += part.length;
  }
  return frame;
}
