import { RfbFilterError } from './rfb-filter.errors';
import { RfbViewOnlyFilter } from './rfb-view-only-filter';
import {
  expectedHandshakeOutput,
  filterPastHandshake,
  HANDSHAKES,
  oneByteAtATime,
  play,
  Turn,
} from './testing/rfb-conversations';
import { clientMessage, protocolVersion, server, viewer } from './testing/rfb-stream-builders';

const fromAgent = (bytes: Buffer): Turn => ({ from: 'agent', bytes });
const fromViewer = (bytes: Buffer): Turn => ({ from: 'viewer', bytes });

const QEMU_EXTENDED_KEY_EVENT = -258;
const FENCE = -312;
const EXTENDED_DESKTOP_SIZE = -308;

describe('RfbViewOnlyFilter', () => {
  describe('handshake', () => {
    it.each(Object.entries(HANDSHAKES))('lets %s through, with ClientInit forced to shared', (_name, turns) => {
      const filter = new RfbViewOnlyFilter();
      expect(play(filter, turns)).toEqual(expectedHandshakeOutput(turns));
      expect(filter.handshakeComplete).toBe(true);
    });

    it.each(Object.entries(HANDSHAKES))('follows %s fed one byte at a time', (_name, turns) => {
      const filter = new RfbViewOnlyFilter();
      expect(play(filter, turns, oneByteAtATime)).toEqual(expectedHandshakeOutput(turns));
      expect(filter.handshakeComplete).toBe(true);
    });

    it.each([
      ['VeNCrypt', 19],
      ['Tight', 16],
      ['RA2', 5],
      ['Apple Remote Desktop', 30],
    ])('ends the session when the viewer picks %s security (%i)', (_name, type) => {
      const filter = new RfbViewOnlyFilter();
      const offered = [fromAgent(protocolVersion(3, 8)), fromViewer(protocolVersion(3, 8)), fromAgent(server.securityTypes(type, 2))];
      play(filter, offered);
      expect(() => filter.filterFromViewer(viewer.securityChoice(type))).toThrow(RfbFilterError);
    });

    it('ends the session when an RFB 3.3 server picks Tight security', () => {
      const filter = new RfbViewOnlyFilter();
      play(filter, [fromAgent(protocolVersion(3, 3)), fromViewer(protocolVersion(3, 3))]);
      expect(() => filter.observeFromServer(server.securityType33(16))).toThrow(RfbFilterError);
    });

    it('ends the session when the viewer picks a type the agent did not offer', () => {
      const filter = new RfbViewOnlyFilter();
      play(filter, [fromAgent(protocolVersion(3, 8)), fromViewer(protocolVersion(3, 8)), fromAgent(server.securityTypes(2))]);
      expect(() => filter.filterFromViewer(viewer.securityChoice(1))).toThrow(/did not offer/);
    });

    it.each([
      ['a version the filter cannot frame', protocolVersion(4, 1)],
      ['an unknown 3.x version', protocolVersion(3, 5)],
      ['a newer version than the agent', protocolVersion(3, 8)],
      ['something that is not RFB', Buffer.from('GET / HTTP/1')],
    ])('ends the session when the viewer sends %s', (_name, version) => {
      const filter = new RfbViewOnlyFilter();
      filter.observeFromServer(protocolVersion(3, 7));
      expect(() => filter.filterFromViewer(version)).toThrow(RfbFilterError);
    });

    it('ends the session when the viewer speaks before the agent', () => {
      expect(() => new RfbViewOnlyFilter().filterFromViewer(protocolVersion(3, 8))).toThrow(/before the agent/);
    });

    it('ends the session when the agent runs ahead of the viewer', () => {
      const filter = new RfbViewOnlyFilter();
      filter.observeFromServer(protocolVersion(3, 8));
      expect(() => filter.observeFromServer(server.securityTypes(1))).toThrow(/before the viewer/);
    });

    it('passes nothing more once the agent refuses the connection', () => {
      const filter = new RfbViewOnlyFilter();
      const refused = [fromAgent(protocolVersion(3, 8)), fromViewer(protocolVersion(3, 8)), fromAgent(server.securityTypes())];
      play(filter, [...refused, fromAgent(server.failureReason('too many viewers'))]);
      expect(filter.filterFromViewer(Buffer.concat([viewer.securityChoice(2), clientMessage.keyEvent(0x61)]))).toHaveLength(0);
      expect(filter.handshakeComplete).toBe(false);
    });

    it('reads the reason of a failed RFB 3.8 authentication without taking it for ServerInit', () => {
      const filter = new RfbViewOnlyFilter();
      const turns = HANDSHAKES['RFB 3.8 with VNC authentication'].slice(0, 6);
      play(filter, [...turns, fromAgent(server.securityResultFailed('wrong password'))]);
      expect(filter.handshakeComplete).toBe(false);
      expect(() => filter.observeFromServer(Buffer.from('anything after the reason'))).not.toThrow();
    });
  });

  describe('client messages', () => {
    it('passes the messages that shape the picture unchanged', () => {
      const messages = Buffer.concat([
        clientMessage.setPixelFormat(),
        clientMessage.setEncodings([16, 7, 1, 0, -223, -239]),
        clientMessage.framebufferUpdateRequest(false),
        clientMessage.framebufferUpdateRequest(true),
      ]);
      expect(filterPastHandshake().filterFromViewer(messages)).toEqual(messages);
    });

    it('returns a chunk that passes whole without copying it', () => {
      const chunk = clientMessage.framebufferUpdateRequest();
      expect(filterPastHandshake().filterFromViewer(chunk)).toBe(chunk);
    });

    it.each([
      ['a key press', clientMessage.keyEvent(0xff0d)],
      ['a pointer click', clientMessage.pointerEvent(1, 100, 200)],
      ['pasted text', clientMessage.clientCutText('rm -rf /')],
      ['an empty clipboard', clientMessage.clientCutText('')],
      ['an extended clipboard message', clientMessage.extendedClientCutText(Buffer.from([0, 0, 0, 1, 0x78]))],
    ])('drops %s', (_name, input) => {
      const request = clientMessage.framebufferUpdateRequest();
      const passed = filterPastHandshake().filterFromViewer(Buffer.concat([request, input, request]));
      expect(passed).toEqual(Buffer.concat([request, request]));
    });

    it('removes pseudo-encodings that would let the viewer send input or resize the desktop', () => {
      const passed = filterPastHandshake().filterFromViewer(
        clientMessage.setEncodings([16, QEMU_EXTENDED_KEY_EVENT, 0, FENCE, EXTENDED_DESKTOP_SIZE, -223, -316]),
      );
      expect(passed).toEqual(clientMessage.setEncodings([16, 0, -223]));
    });

    it.each([
      ['QEMU (key events by scancode)', 255],
      ['Fence', 248],
      ['EnableContinuousUpdates', 150],
      ['SetDesktopSize', 251],
      ['xvp (reboot)', 250],
      ['an unassigned type', 1],
    ])('ends the session on client message %s', (_name, type) => {
      const filter = filterPastHandshake();
      expect(() => filter.filterFromViewer(Buffer.of(type, 0, 0, 0, 0, 0))).toThrow(RfbFilterError);
    });

    it('passes nothing from the chunk that broke the rules, and nothing afterwards', () => {
      const filter = filterPastHandshake();
      const request = clientMessage.framebufferUpdateRequest();
      expect(() => filter.filterFromViewer(Buffer.concat([request, Buffer.of(255)]))).toThrow(RfbFilterError);
      expect(() => filter.filterFromViewer(request)).toThrow(RfbFilterError);
      expect(() => filter.observeFromServer(Buffer.of(0))).toThrow(RfbFilterError);
    });

    it('ends the session on clipboard data over 16 MiB, in either clipboard format', () => {
      expect(() => filterPastHandshake().filterFromViewer(clientMessage.cutTextHeader(16 * 1024 * 1024 + 1))).toThrow(
        /exceeds/,
      );
      expect(() => filterPastHandshake().filterFromViewer(clientMessage.cutTextHeader(-0x80000000))).toThrow(/exceeds/);
    });

    it('streams a 16 MiB clipboard through without passing or keeping it', () => {
      const filter = filterPastHandshake();
      const request = clientMessage.framebufferUpdateRequest();
      expect(filter.filterFromViewer(clientMessage.cutTextHeader(16 * 1024 * 1024))).toHaveLength(0);
      const block = Buffer.alloc(64 * 1024, 0x41);
      for (let sent = 0; sent < 16 * 1024 * 1024; sent += block.length) {
        expect(filter.filterFromViewer(block)).toHaveLength(0);
      }
      expect(filter.filterFromViewer(request)).toEqual(request);
    });

    it('gives the same output for a session split at every byte boundary', () => {
      const session = Buffer.concat([
        clientMessage.setEncodings([16, FENCE, 0]),
        clientMessage.setPixelFormat(),
        clientMessage.pointerEvent(0, 10, 10),
        clientMessage.framebufferUpdateRequest(),
        clientMessage.keyEvent(0x61),
        clientMessage.clientCutText('secret'),
        clientMessage.extendedClientCutText(Buffer.alloc(9, 1)),
        clientMessage.setPixelFormat(0x7f),
        clientMessage.framebufferUpdateRequest(false),
      ]);
      const whole = filterPastHandshake().filterFromViewer(session);
      expect(whole).toEqual(
        Buffer.concat([
          clientMessage.setEncodings([16, 0]),
          clientMessage.setPixelFormat(),
          clientMessage.framebufferUpdateRequest(),
          clientMessage.setPixelFormat(0x7f),
          clientMessage.framebufferUpdateRequest(false),
        ]),
      );
      for (let cut = 0; cut <= session.length; cut++) {
        const filter = filterPastHandshake();
        const split = Buffer.concat([
          filter.filterFromViewer(session.subarray(0, cut)),
          filter.filterFromViewer(session.subarray(cut)),
        ]);
        expect(split).toEqual(whole);
      }
      const byteByByte = filterPastHandshake();
      expect(Buffer.concat(oneByteAtATime(session).map((byte) => byteByByte.filterFromViewer(byte)))).toEqual(whole);
    });

    it('lets the start of an allowed message through before the rest arrives', () => {
      const filter = filterPastHandshake();
      const format = clientMessage.setPixelFormat();
      expect(filter.filterFromViewer(format.subarray(0, 5))).toEqual(format.subarray(0, 5));
      expect(filter.filterFromViewer(format.subarray(5))).toEqual(format.subarray(5));
    });
  });
});
