import fc from 'fast-check';
import { RfbFilterError } from './rfb-filter.errors';
import { PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY } from './rfb-messages';
import { RfbViewOnlyFilter } from './rfb-view-only-filter';
import { expectedHandshakeOutput, HANDSHAKES, play, Turn } from './testing/rfb-conversations';
import { clientMessage, messageTypesAsServerSeesThem } from './testing/rfb-stream-builders';

/** A client message and what the agent should get of it. */
interface Sample {
  input: Buffer;
  expected: Buffer;
}

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((b) => Buffer.from(b));
const withType = (type: number, rest: Buffer) => Buffer.concat([Buffer.of(type), rest]);
const passes = (input: Buffer): Sample => ({ input, expected: input });
const dropped = (input: Buffer): Sample => ({ input, expected: Buffer.alloc(0) });

const removedEncoding = fc.constantFrom(...PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY);
const anyEncoding = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

const sampleMessage: fc.Arbitrary<Sample> = fc.oneof(
  bytes(19).map((rest) => passes(withType(0, rest))),
  bytes(9).map((rest) => passes(withType(3, rest))),
  fc.tuple(fc.array(fc.oneof(anyEncoding, removedEncoding), { maxLength: 24 }), fc.integer({ min: 0, max: 255 })).map(
    ([encodings, padding]): Sample => {
      const input = clientMessage.setEncodings(encodings);
      input[1] = padding;
      const kept = encodings.filter((encoding) => !PSEUDO_ENCODINGS_REMOVED_FOR_VIEW_ONLY.has(encoding));
      return { input, expected: clientMessage.setEncodings(kept) };
    },
  ),
  bytes(7).map((rest) => dropped(withType(4, rest))),
  bytes(5).map((rest) => dropped(withType(5, rest))),
  fc.uint8Array({ maxLength: 300 }).map((text) => dropped(clientMessage.clientCutText(Buffer.from(text).toString('latin1')))),
  fc.uint8Array({ maxLength: 300 }).map((payload) => dropped(clientMessage.extendedClientCutText(Buffer.from(payload)))),
);

/** Piece lengths, used in a cycle, to cut every byte sequence at arbitrary boundaries. */
const pieceLengths = fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1, maxLength: 16 });

function cutter(lengths: number[]): (buffer: Buffer) => Buffer[] {
  let next = 0;
  return (buffer) => {
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < buffer.length; ) {
      const length = lengths[next++ % lengths.length];
      pieces.push(buffer.subarray(offset, offset + length));
      offset += length;
    }
    return pieces;
  };
}

const handshake = fc.constantFrom(...Object.values(HANDSHAKES));

/** Feeds turns and returns what passed, stopping at the first RfbFilterError; any other error fails. */
function playUntilRefused(filter: RfbViewOnlyFilter, turns: Turn[], cut: (b: Buffer) => Buffer[]): Buffer {
  const passed: Buffer[] = [];
  try {
    for (const turn of turns) {
      for (const piece of cut(turn.bytes)) {
        if (turn.from === 'agent') filter.observeFromServer(piece);
        else passed.push(filter.filterFromViewer(piece));
      }
    }
  } catch (error) {
    if (!(error instanceof RfbFilterError)) throw error;
  }
  return Buffer.concat(passed);
}

describe('RfbViewOnlyFilter (properties)', () => {
  it('passes exactly the non-input messages, however the streams are cut', () => {
    fc.assert(
      fc.property(handshake, fc.array(sampleMessage, { maxLength: 40 }), pieceLengths, (turns, samples, lengths) => {
        const filter = new RfbViewOnlyFilter();
        const cut = cutter(lengths);
        const messages: Turn = { from: 'viewer', bytes: Buffer.concat(samples.map((s) => s.input)) };
        const passed = play(filter, [...turns, messages], cut);
        const expected = Buffer.concat([expectedHandshakeOutput(turns), ...samples.map((s) => s.expected)]);
        expect(passed).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('lets through nothing but well-framed picture requests, whatever garbage the viewer sends', () => {
    fc.assert(
      fc.property(handshake, fc.uint8Array({ maxLength: 4000 }), pieceLengths, (turns, garbage, lengths) => {
        const filter = new RfbViewOnlyFilter();
        play(filter, turns);
        const passed = playUntilRefused(filter, [{ from: 'viewer', bytes: Buffer.from(garbage) }], cutter(lengths));
        expect(() => messageTypesAsServerSeesThem(passed)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but RfbFilterError on garbage from either side at any point of the handshake', () => {
    const garbageTurn = fc.record({
      from: fc.constantFrom<'agent' | 'viewer'>('agent', 'viewer'),
      bytes: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
    });
    fc.assert(
      fc.property(
        handshake,
        fc.nat(),
        fc.array(garbageTurn, { maxLength: 12 }),
        pieceLengths,
        (turns, keep, garbage, lengths) => {
          const prefix = turns.slice(0, keep % (turns.length + 1));
          playUntilRefused(new RfbViewOnlyFilter(), [...prefix, ...garbage], cutter(lengths));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
