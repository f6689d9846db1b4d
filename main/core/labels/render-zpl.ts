import type { LabelDpi } from '../../../shared/rpc/results';
import type { CertificateDocumentContent, DestructionContent, LabelContent, PackingSlipContent, ReturnLabelContent } from './label-content';
import { documentWords } from '../i18n/document-words';
import { driveStateWords, preparedByWords, slipNoteWords } from './document-text';
import { certificateValue, certificateWords } from './certificate-words';

/** Thermal stock is 4 in wide; the return label is 4 × 6 in, longer documents grow in length. */
const LABEL_WIDTH_IN = 4;
const RETURN_LABEL_LENGTH_IN = 6;
const MARGIN_IN = 0.15;
/** Font heights in inches, so 203 and 300 dpi print the same size. */
const SMALL_IN = 0.11;
const BODY_IN = 0.14;
const LARGE_IN = 0.2;
const LINE_GAP = 1.25;
const BARCODE_HEIGHT_IN = 0.8;

/**
 * Field data goes through ^FH: the three characters ZPL reserves become hex escapes, so an address
 * containing `^` or `~` can never end a field or start a command.
 */
function fieldData(text: string): string {
  return text.replace(/[\^~_\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/[\r\n]+/g, ' ');
}

class ZplWriter {
  private readonly commands: string[] = [];
  private y: number;
  private readonly dots: (inches: number) => number;
  constructor(private readonly dpi: LabelDpi) {
    this.dots = (inches) => Math.round(inches * dpi);
    this.y = this.dots(MARGIN_IN);
  }

  text(text: string, heightIn: number = BODY_IN): this {
    const height = this.dots(heightIn);
    this.commands.push(`^FO${this.dots(MARGIN_IN)},${this.y}^A0N,${height},${height}^FH^FD${fieldData(text)}^FS`);
    this.y += Math.round(height * LINE_GAP);
    return this;
  }

  lines(lines: readonly string[], heightIn?: number): this {
    lines.forEach((line) => this.text(line, heightIn));
    return this;
  }

  rule(): this {
    const width = this.dots(LABEL_WIDTH_IN - 2 * MARGIN_IN);
    this.y += this.dots(0.04);
    this.commands.push(`^FO${this.dots(MARGIN_IN)},${this.y}^GB${width},2,2^FS`);
    this.y += this.dots(0.08);
    return this;
  }

  barcode128(data: string): this {
    this.commands.push(`^FO${this.dots(MARGIN_IN + 0.1)},${this.y}^BY2^BCN,${this.dots(BARCODE_HEIGHT_IN)},Y,N,N^FH^FD${fieldData(data)}^FS`);
    this.y += this.dots(BARCODE_HEIGHT_IN + 0.3);
    return this;
  }

  /** ^XA … ^XZ with UTF-8 (^CI28), the width, and a length fitting what was written. */
  toString(minimumLengthIn = 0): string {
    const length = Math.max(this.y + this.dots(MARGIN_IN), this.dots(minimumLengthIn));
    return ['^XA', '^CI28', `^PW${this.dots(LABEL_WIDTH_IN)}`, `^LL${length}`, ...this.commands, '^XZ'].join('\n');
  }
}

function returnLabel(content: ReturnLabelContent, dpi: LabelDpi): string {
  return new ZplWriter(dpi)
    .text('FROM', SMALL_IN)
    .lines(content.from, SMALL_IN)
    .rule()
    .text('SHIP TO', SMALL_IN)
    .lines(content.to, LARGE_IN)
    .text(`Phone ${content.phone}`)
    .rule()
    .text(`${content.carrierName} - account ${content.carrierAccountNumber}`)
    .text(`Job ${content.jobName} - ${content.driveCount} drive${content.driveCount === 1 ? '' : 's'}`)
    .text(content.returnTrackingNumber === null ? 'Return tracking: assigned at pickup' : `Return tracking ${content.returnTrackingNumber}`)
    .rule()
    .barcode128(content.barcode)
    .toString(RETURN_LABEL_LENGTH_IN);
}

function packingSlip(content: PackingSlipContent, dpi: LabelDpi): string {
  const words = documentWords(content.locale);
  const writer = new ZplWriter(dpi)
    .text(words('documents.slip.title', { job: content.jobName }), LARGE_IN)
    .text(words('documents.from'), SMALL_IN)
    .lines(content.from, SMALL_IN)
    .text(words('documents.to'), SMALL_IN)
    .lines(content.to, SMALL_IN)
    .text(words('documents.slip.carrier', { carrier: content.carrierName ?? '-', tracking: content.returnTrackingNumber ?? '-' }), SMALL_IN)
    .rule();
  for (const drive of content.drives) {
    writer.text(`${drive.serial}  ${driveStateWords(words, drive.state)}`);
    if (drive.note !== null) writer.text(`  ${slipNoteWords(words, drive.note)}`, SMALL_IN);
  }
  return writer
    .rule()
    .text(words('documents.slip.footer', { count: content.drives.length, operator: preparedByWords(words, content.preparedBy), at: words.dateTime(content.preparedAt) }), SMALL_IN)
    .toString(RETURN_LABEL_LENGTH_IN);
}

function destruction(content: DestructionContent, dpi: LabelDpi): string {
  return new ZplWriter(dpi)
    .text('Certificate of destruction', LARGE_IN)
    .lines(content.site, SMALL_IN)
    .text(`Job ${content.jobName}`)
    .text(`Method ${content.method}`)
    .text(`Date ${content.date}`)
    .text(`Operator ${content.operator}`)
    .text(`Witness ${content.witness}`)
    .rule()
    .lines(content.serials)
    .rule()
    .text('SHA-256', SMALL_IN)
    .text(content.contentHash.slice(0, 32), SMALL_IN)
    .text(content.contentHash.slice(32), SMALL_IN)
    .toString(RETURN_LABEL_LENGTH_IN);
}

/** The NIST SP 800-88 certificate on label stock: every field, one per line, the hash at the end. */
function nistCertificate(content: CertificateDocumentContent, dpi: LabelDpi): string {
  const c = content.certificate;
  const say = documentWords(content.locale);
  const label = (key: string, params?: Record<string, string | number>): string => say(`documents.certificate.${key}`, params);
  const value = (text: string): string => certificateValue(say, text);
  const words = certificateWords(c, say);
  const person = (who: CertificateDocumentContent['certificate']['performedBy']) => [
    `${label('name')} ${who.name}`,
    `${label('personTitle')} ${value(who.title)}`,
    `${label('organisation')} ${who.organisation}`,
    `${label('location')} ${who.location}`,
    `${label('phone')} ${value(who.phone)}`,
  ];
  const writer = new ZplWriter(dpi)
    .text(label('title'), LARGE_IN)
    .text(`NIST SP 800-88 - ${c.certificateNumber}`, SMALL_IN)
    .text(c.subject, SMALL_IN)
    .rule()
    .text(label('performedBy'), SMALL_IN)
    .lines(person(c.performedBy), SMALL_IN)
    .rule()
    .text(label('media', { count: c.media.length }), SMALL_IN);
  for (const medium of c.media) writer.text(`${medium.serial} | ${value(medium.make)} | ${value(medium.model)} | ${medium.mediaType} | ${medium.source}`, SMALL_IN);
  writer
    .rule()
    .lines(
      [
        `${label('methodType')} ${words.methodType}`,
        `${label('methodUsed')} ${words.method}`,
        `${label('methodDetails')} ${value(c.methodDetails)}`,
        `${label('tool')} ${value(c.tool)} (${value(c.toolVersion)})`,
        `${label('verification')} ${words.verification}`,
        `${label('postClassification')} ${value(c.postSanitizationClassification)}`,
        `${label('destination')} ${words.destination}`,
        `${label('notes')} ${c.notes === '' ? '-' : c.notes}`,
        `${label('signedBy')} ${label('signedByBadge', { name: c.performedBy.name })}, ${c.date}`,
      ],
      SMALL_IN,
    )
    .rule()
    .text(label('validation'), SMALL_IN)
    .lines([...person(c.validatedBy), `${label('signature')} ${label('signatureSupervisor', { name: c.validatedBy.name })}, ${c.date}`], SMALL_IN);
  for (const item of c.certificates) writer.text(`${item.certificateNumber} ${label('batchItem', { subject: item.subject, count: item.media })} ${item.contentSha256}`, SMALL_IN);
  return writer
    .rule()
    .text(label('contentHash'), SMALL_IN)
    .text(content.contentHash.slice(0, 32), SMALL_IN)
    .text(content.contentHash.slice(32), SMALL_IN)
    .toString(RETURN_LABEL_LENGTH_IN);
}

/** Renders a document as ZPL II for a Zebra printer at 203 or 300 dpi. */
export function renderZpl(content: LabelContent, dpi: LabelDpi): string {
  switch (content.kind) {
    case 'return':
      return returnLabel(content, dpi);
    case 'packingSlip':
      return packingSlip(content, dpi);
    case 'destruction':
      return destruction(content, dpi);
    case 'certificate':
      return nistCertificate(content, dpi);
  }
}

/** A short label that proves the printer is reachable and prints. */
export function testLabelZpl(deskName: string, at: string, dpi: LabelDpi): string {
  return new ZplWriter(dpi).text('Receiving Desk test print', LARGE_IN).text(deskName).text(at).barcode128('TEST-PRINT').toString(2);
}
