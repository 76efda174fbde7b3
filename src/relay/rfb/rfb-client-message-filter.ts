import { FieldCollector, PassedBytes } from './rfb-byte-buffers';
import { RfbFilterError } from './rfb-filter.errors';
import {
  CLIENT_CUT_TEXT_HEADER_LENGTH,
  ClientMessageType,
  FRAMEBUFFER_UPDATE_REQUEST_LENGTH,
  KEY_EVENT_LENGTH,
  MAX_CLIENT_CUT_TEXT_LENGTH,
  POINTER_EVENT_LENGTH,
  SET_ENCODINGS_HEADER_LENGTH,
  SET_PIXEL_FORMAT_LENGTH,
} from './rfb-messages';
import { setEncodingsForViewOnly } from './rfb-set-encodings';

const enum Step {
  MessageType,
  Pass,
  Drop,
  SetEncodingsHeader,
  SetEncodingsList,
  CutTextHeader,
}

/**
 * Client-to-server messages after ClientInit. Messages that only shape what
 * the viewer sees pass; input (keys, pointer, clipboard) is dropped; any
 * other type ends the session, because its length — and so where the next
 * message starts — is unknown.
 */
export class RfbClientMessageFilter {
  private step = Step.MessageType;
  private bytesLeft = 0;
  private readonly header = new FieldCollector(CLIENT_CUT_TEXT_HEADER_LENGTH);
  private readonly encodingList = new FieldCollector(0);

  filter(chunk: Buffer, offset: number, passed: PassedBytes): void {
    while (offset < chunk.length) {
      switch (this.step) {
        case Step.MessageType:
          // The type byte stays unread here: the Pass/Drop/header step that follows consumes it.
          this.startMessage(chunk[offset]);
          break;
        case Step.Pass:
        case Step.Drop: {
          const end = offset + Math.min(this.bytesLeft, chunk.length - offset);
          if (this.step === Step.Pass) passed.passRange(chunk, offset, end);
          this.bytesLeft -= end - offset;
          offset = end;
          if (this.bytesLeft === 0) this.step = Step.MessageType;
          break;
        }
        case Step.SetEncodingsHeader:
          offset = this.header.fill(chunk, offset);
          if (this.header.isComplete) this.afterSetEncodingsHeader(this.header.bytes, passed);
          break;
        case Step.SetEncodingsList:
          offset = this.encodingList.fill(chunk, offset);
          if (this.encodingList.isComplete) {
            passed.passCopy(setEncodingsForViewOnly(this.encodingList.bytes));
            this.encodingList.start(0);
            this.step = Step.MessageType;
          }
          break;
        case Step.CutTextHeader:
          offset = this.header.fill(chunk, offset);
          if (this.header.isComplete) this.afterCutTextHeader(this.header.bytes);
          break;
      }
    }
  }

  private startMessage(type: number): void {
    switch (type) {
      case ClientMessageType.SetPixelFormat:
        return this.skip(Step.Pass, SET_PIXEL_FORMAT_LENGTH);
      case ClientMessageType.FramebufferUpdateRequest:
        return this.skip(Step.Pass, FRAMEBUFFER_UPDATE_REQUEST_LENGTH);
      case ClientMessageType.KeyEvent:
        return this.skip(Step.Drop, KEY_EVENT_LENGTH);
      case ClientMessageType.PointerEvent:
        return this.skip(Step.Drop, POINTER_EVENT_LENGTH);
      case ClientMessageType.SetEncodings:
        this.header.start(SET_ENCODINGS_HEADER_LENGTH);
        this.step = Step.SetEncodingsHeader;
        return;
      case ClientMessageType.ClientCutText:
        this.header.start(CLIENT_CUT_TEXT_HEADER_LENGTH);
        this.step = Step.CutTextHeader;
        return;
      default:
        throw new RfbFilterError(`client message type ${type} is not allowed in a view-only session`);
    }
  }

  private afterSetEncodingsHeader(header: Buffer, passed: PassedBytes): void {
    const count = header.readUInt16BE(2);
    if (count === 0) {
      passed.passCopy(setEncodingsForViewOnly(Buffer.alloc(0)));
      this.step = Step.MessageType;
      return;
    }
    this.encodingList.start(4 * count);
    this.step = Step.SetEncodingsList;
  }

  private afterCutTextHeader(header: Buffer): void {
    const declared = header.readInt32BE(4);
    // Negative: the extended clipboard format, whose payload is |length| bytes.
    const length = Math.abs(declared);
    if (length > MAX_CLIENT_CUT_TEXT_LENGTH) {
      throw new RfbFilterError(`clipboard message of ${length} bytes exceeds the limit`);
    }
    if (length === 0) this.step = Step.MessageType;
    else this.skip(Step.Drop, length);
  }

  private skip(step: Step.Pass | Step.Drop, length: number): void {
    this.step = step;
    this.bytesLeft = length;
  }
}
