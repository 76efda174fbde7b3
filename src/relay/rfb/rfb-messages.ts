/** RFB (RFC 6143) numbers the view-only filter needs. Integers on the wire are big-endian. */

export const PROTOCOL_VERSION_LENGTH = 12;
/** "RFB xxx.yyy\n" */
export const PROTOCOL_VERSION_PATTERN = /^RFB (\d{3})\.(\d{3})\n$/;
/** Minor versions of RFB 3.x whose handshake the filter can follow. */
export const SUPPORTED_CLIENT_MINOR_VERSIONS: readonly number[] = [3, 7, 8];

export const SecurityType = {
  Invalid: 0,
  None: 1,
  VncAuthentication: 2,
} as const;

export const VNC_AUTH_CHALLENGE_LENGTH = 16;
export const VNC_AUTH_RESPONSE_LENGTH = 16;
export const SECURITY_RESULT_OK = 0;
/** width u16, height u16, pixel format (16), name length u32 */
export const SERVER_INIT_HEADER_LENGTH = 24;
/** Shared-flag value that leaves other viewers of the same desktop connected. */
export const CLIENT_INIT_SHARED = 1;

export const ClientMessageType = {
  SetPixelFormat: 0,
  SetEncodings: 2,
  FramebufferUpdateRequest: 3,
  KeyEvent: 4,
  PointerEvent: 5,
  ClientCutText: 6,
} as const;

export const SET_PIXEL_FORMAT_LENGTH = 20;
/** type, padding, number-of-encodings u16; then 4 bytes per encoding */
export const SET_ENCODINGS_HEADER_LENGTH = 4;
export const FRAMEBUFFER_UPDATE_REQUEST_LENGTH = 10;
export const KEY_EVENT_LENGTH = 8;
export const POINTER_EVENT_LENGTH = 6;
/** type, 3 padding, length s32 (negative: extended clipboard format) */
export const CLIENT_CUT_TEXT_HEADER_LENGTH = 8;
export const MAX_CLIENT_CUT_TEXT_LENGTH = 16 * 1024 * 1024;

/**
 * Pseudo-encodings that, once the server accepts them, let or make the
 * client send messages this filter does not parse (or changes a format it
 * does). They are removed from SetEncodings so the server never turns them
 * on; otherwise noVNC answering a server Fence would end a view-only session.
 */
export const PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY: ReadonlySet<number> = new Set([
  -258, // QEMU Extended Key Event: client message 255 carries key presses
  -259, // QEMU Audio: client message 255
  -305, // gii: client message 253 carries input events
  -308, // ExtendedDesktopSize: client message 251 resizes the remote desktop
  -309, // xvp: client message 250 asks the server to shut down or reboot
  -312, // Fence: client message 248
  -313, // ContinuousUpdates: client message 150
  -316, // ExtendedMouseButtons: PointerEvent grows an extra byte
]);
