import PDFDocument from 'pdfkit';
import type { CertificateDocumentContent, DestructionContent, LabelContent, PackingSlipContent, ReturnLabelContent } from './label-content';
import type { CertificatePerson } from '../../../shared/rpc/results';
import { certificateValue, certificateWords } from './certificate-words';
import { code128Png } from './barcode';
import { labelFontFile } from './label-font';
import { A4, LABEL_4X6 } from './page-sizes';
import { documentWords } from '../i18n/document-words';
import { driveStateWords, preparedByWords, slipNoteWords } from './document-text';

const LABEL_MARGIN = 14;
const SHEET_MARGIN = 48;
const REGULAR = 'desk-regular';
const BOLD = 'desk-bold';

function newDocument(size: { width: number; height: number }, margin: number, title: string): PDFKit.PDFDocument {
  const document = new PDFDocument({ size: [size.width, size.height], margin, info: { Title: title, Producer: 'Receiving Desk' } });
  document.registerFont(REGULAR, labelFontFile('regular'));
  document.registerFont(BOLD, labelFontFile('bold'));
  document.font(REGULAR);
  return document;
}

function finish(document: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.end();
  return done;
}

function rule(document: PDFKit.PDFDocument): void {
  const y = document.y + 4;
  document.moveTo(document.page.margins.left, y).lineTo(document.page.width - document.page.margins.right, y).lineWidth(1).stroke();
  document.y = y + 6;
}

async function returnLabel(content: ReturnLabelContent): Promise<Buffer> {
  const document = newDocument(LABEL_4X6, LABEL_MARGIN, `Return label ${content.jobName}`);
  const width = LABEL_4X6.width - 2 * LABEL_MARGIN;
  document.font(BOLD).fontSize(7).text('FROM');
  document.font(REGULAR).fontSize(8).text(content.from.join('\n'), { width });
  rule(document);
  document.font(BOLD).fontSize(8).text('SHIP TO');
  document.font(BOLD).fontSize(13).text(content.to.join('\n'), { width });
  document.font(REGULAR).fontSize(9).text(`Phone ${content.phone}`);
  rule(document);
  document.font(BOLD).fontSize(10).text(`${content.carrierName}  ·  account ${content.carrierAccountNumber}`, { width });
  document.font(REGULAR).fontSize(9).text(`Job ${content.jobName}  ·  ${content.driveCount} drive${content.driveCount === 1 ? '' : 's'}`, { width });
  document.text(content.returnTrackingNumber === null ? 'Return tracking: assigned at pickup' : `Return tracking ${content.returnTrackingNumber}`, { width });
  rule(document);
  document.image(await code128Png(content.barcode), LABEL_MARGIN, document.y + 4, { fit: [width, LABEL_4X6.height - document.y - LABEL_MARGIN - 4], align: 'center' });
  return finish(document);
}

async function packingSlip(content: PackingSlipContent): Promise<Buffer> {
  const words = documentWords(content.locale);
  const title = words('documents.slip.title', { job: content.jobName });
  const document = newDocument(A4, SHEET_MARGIN, title);
  const left = SHEET_MARGIN;
  const width = A4.width - 2 * SHEET_MARGIN;
  document.font(BOLD).fontSize(18).text(title);
  document.moveDown(0.5);
  const top = document.y;
  document.font(BOLD).fontSize(9).text(words('documents.from'), left, top);
  document.font(REGULAR).fontSize(10).text(content.from.join('\n'), left, document.y, { width: width / 2 - 10 });
  const afterFrom = document.y;
  document.font(BOLD).fontSize(9).text(words('documents.to'), left + width / 2, top);
  document.font(REGULAR).fontSize(10).text(content.to.join('\n'), left + width / 2, document.y, { width: width / 2 });
  document.y = Math.max(afterFrom, document.y) + 8;
  document.x = left;
  document.fontSize(10).text(
    words('documents.slip.carrier', { carrier: content.carrierName ?? '—', tracking: content.returnTrackingNumber ?? '—' }),
    left,
    document.y,
  );
  rule(document);
  const columns = [left, left + 150, left + 270];
  const header = (): void => {
    const y = document.y;
    document.font(BOLD).fontSize(10);
    document.text(words('documents.slip.serial'), columns[0], y);
    document.text(words('documents.slip.state'), columns[1], y);
    document.text(words('documents.slip.note'), columns[2], y);
    document.font(REGULAR);
    document.y += 4;
  };
  header();
  for (const drive of content.drives) {
    if (document.y > A4.height - SHEET_MARGIN - 40) {
      document.addPage();
      header();
    }
    const y = document.y;
    document.fontSize(10).text(drive.serial, columns[0], y, { width: 145 });
    document.text(driveStateWords(words, drive.state), columns[1], y, { width: 115 });
    document.text(slipNoteWords(words, drive.note), columns[2], y, { width: A4.width - SHEET_MARGIN - (columns[2] ?? 0) });
    document.y = Math.max(document.y, y + 14) + 2;
  }
  rule(document);
  document.fontSize(9).text(words('documents.slip.footer', { count: content.drives.length, operator: preparedByWords(words, content.preparedBy), at: words.dateTime(content.preparedAt) }), left);
  return finish(document);
}

async function destructionCertificate(content: DestructionContent): Promise<Buffer> {
  const document = newDocument(A4, SHEET_MARGIN, `Certificate of destruction ${content.jobName}`);
  const left = SHEET_MARGIN;
  document.font(BOLD).fontSize(20).text('Certificate of destruction');
  document.moveDown(0.5);
  if (content.site.length > 0) document.font(REGULAR).fontSize(10).text(content.site.join('\n'));
  document.moveDown();
  const one = content.serials.length === 1;
  document.font(REGULAR).fontSize(11).text(
    `${one ? 'The drive' : `The ${content.serials.length} drives`} listed below arrived for job ${content.jobName}, ` +
      `${one ? 'was' : 'were'} held unclaimed for more than 90 days, and ${one ? 'was' : 'were'} securely destroyed.`,
  );
  document.moveDown();
  for (const [label, value] of [
    ['Job', content.jobName],
    ['Method', content.method],
    ['Date', content.date],
    ['Operator', content.operator],
    ['Witness', content.witness],
  ] as const) {
    const y = document.y;
    document.font(BOLD).text(label, left, y);
    document.font(REGULAR).text(value, left + 90, y);
  }
  rule(document);
  document.font(BOLD).fontSize(11).text('Serial numbers', left);
  document.font(REGULAR).fontSize(11);
  for (const serial of content.serials) {
    if (document.y > A4.height - SHEET_MARGIN - 120) document.addPage();
    document.text(serial, left);
  }
  rule(document);
  document.fontSize(8).text(`Content hash (SHA-256): ${content.contentHash}`, left);
  document.moveDown(2);
  document.fontSize(10).text('Operator signature: ______________________        Witness signature: ______________________', left);
  return finish(document);
}

/**
 * The certificate of sanitisation, laid out as NIST SP 800-88 Rev. 1 Appendix G's sample: the
 * person, the media, the sanitisation, the destination, the signature by badge, the validation,
 * and the SHA-256 of its content.
 */
async function nistCertificate(content: CertificateDocumentContent): Promise<Buffer> {
  const c = content.certificate;
  const say = documentWords(content.locale);
  const label = (key: string, params?: Record<string, string | number>): string => say(`documents.certificate.${key}`, params);
  const value = (text: string): string => certificateValue(say, text);
  const words = certificateWords(c, say);
  const document = newDocument(A4, SHEET_MARGIN, `${label('title')} ${c.certificateNumber}`);
  const left = SHEET_MARGIN;
  const width = A4.width - 2 * SHEET_MARGIN;
  const labelWidth = 170;
  const field = (name: string, text: string): void => {
    if (document.y > A4.height - SHEET_MARGIN - 30) document.addPage();
    const y = document.y;
    document.font(BOLD).fontSize(9).text(name, left, y, { width: labelWidth - 6 });
    const afterLabel = document.y;
    document.font(REGULAR).fontSize(9).text(text === '' ? '—' : text, left + labelWidth, y, { width: width - labelWidth });
    document.y = Math.max(afterLabel, document.y) + 2;
  };
  const heading = (text: string): void => {
    if (document.y > A4.height - SHEET_MARGIN - 60) document.addPage();
    document.moveDown(0.4);
    document.font(BOLD).fontSize(11).text(text, left, document.y, { width });
    rule(document);
  };
  const person = (who: CertificatePerson): void => {
    field(label('name'), who.name);
    field(label('personTitle'), value(who.title));
    field(label('organisation'), who.organisation);
    field(label('location'), who.location);
    field(label('phone'), value(who.phone));
  };

  document.font(BOLD).fontSize(18).text(label('title'), left, document.y, { width });
  document.font(REGULAR).fontSize(9).text(label('form', { number: c.certificateNumber, subject: c.subject }), { width });
  heading(label('performedBy'));
  person(c.performedBy);
  heading(label('media', { count: c.media.length }));
  const columns = [left, left + 110, left + 190, left + 270, left + 370];
  const mediaHeader = (): void => {
    const y = document.y;
    document.font(BOLD).fontSize(8);
    // A translated title may take two lines: the rows start below the tallest.
    let bottom = y + 12;
    [label('serial'), label('make'), label('model'), label('mediaType'), label('source')].forEach((title, index) => {
      document.text(title, columns[index], y, { width: index === 4 ? width - (columns[4] ?? 0) + left : 76 });
      bottom = Math.max(bottom, document.y);
    });
    document.font(REGULAR);
    document.y = bottom;
  };
  mediaHeader();
  for (const medium of c.media) {
    if (document.y > A4.height - SHEET_MARGIN - 30) {
      document.addPage();
      mediaHeader();
    }
    const y = document.y;
    document.fontSize(8);
    [medium.serial, value(medium.make), value(medium.model), medium.mediaType, medium.source].forEach((text, index) =>
      document.text(text, columns[index], y, { width: index === 4 ? width - (columns[4] ?? 0) + left : 76 }),
    );
    document.y = Math.max(document.y, y + 11) + 1;
  }
  field(label('mediaClassification'), value(c.postSanitizationClassification));
  heading(label('details'));
  field(label('methodType'), words.methodType);
  field(label('methodUsed'), words.method);
  field(label('methodDetails'), value(c.methodDetails));
  field(label('tool'), `${value(c.tool)} (${value(c.toolVersion)})`);
  field(label('verification'), words.verification);
  field(label('postClassification'), value(c.postSanitizationClassification));
  field(label('notes'), c.notes);
  heading(label('destinationHeading'));
  field(label('destination'), words.destination);
  heading(label('signature'));
  field(label('signedBy'), label('signedByBadge', { name: c.performedBy.name }));
  field(label('date'), c.date);
  heading(label('validation'));
  person(c.validatedBy);
  field(label('signature'), label('signatureSupervisor', { name: c.validatedBy.name }));
  field(label('date'), c.date);
  if (c.certificates.length > 0) {
    heading(label('batch', { count: c.certificates.length }));
    for (const item of c.certificates) {
      field(item.certificateNumber, label('batchItem', { subject: item.subject, count: item.media }));
      // The hash on a line of its own, never wrapped: it is read back and compared.
      document.font(REGULAR).fontSize(8).text(`SHA-256 ${item.contentSha256}`, left + labelWidth, document.y, { width: width - labelWidth, lineBreak: false });
      document.moveDown(0.3);
    }
  }
  rule(document);
  document.font(BOLD).fontSize(8).text(label('contentHash'), left, document.y, { width });
  document.font(REGULAR).fontSize(8).text(content.contentHash, left, document.y, { width });
  return finish(document);
}

/** Renders a document as PDF bytes. */
export function renderPdf(content: LabelContent): Promise<Buffer> {
  switch (content.kind) {
    case 'return':
      return returnLabel(content);
    case 'packingSlip':
      return packingSlip(content);
    case 'destruction':
      return destructionCertificate(content);
    case 'certificate':
      return nistCertificate(content);
  }
}

export function pdfPageSize(content: LabelContent): { width: number; height: number } {
  return content.kind === 'return' ? LABEL_4X6 : A4;
}
