import type { Database } from 'better-sqlite3';

export type CertificateKind = 'package' | 'batch' | 'job';

export interface CertificateRow {
  readonly rowId: number;
  readonly kind: CertificateKind;
  readonly packageId: number | null;
  readonly jobName: string | null;
  /** The certificate's facts, as hashed: the SHA-256 printed on it is of exactly this text. */
  readonly contentJson: string;
  readonly contentSha256: string;
  readonly performedBy: string;
  readonly validatedBy: string;
  readonly deskId: string;
  readonly createdAt: string;
}

const COLUMNS = `id AS rowId, kind, package_id AS packageId, job_name AS jobName, content_json AS contentJson,
  content_sha256 AS contentSha256, performed_by AS performedBy, validated_by AS validatedBy, desk_id AS deskId, created_at AS createdAt`;

/** Destruction certificates, kept for good (append-only). */
export function createCertificatesRepository(db: Database) {
  const insert = db.prepare(`INSERT INTO certificates (kind, package_id, job_name, content_json, content_sha256, performed_by, validated_by, desk_id, created_at)
    VALUES (@kind, @packageId, @jobName, @contentJson, @contentSha256, @performedBy, @validatedBy, @deskId, @createdAt)`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM certificates WHERE id = ?`);
  const forPackage = db.prepare(`SELECT ${COLUMNS} FROM certificates WHERE package_id = ? ORDER BY id`);
  return {
    insert: (row: Omit<CertificateRow, 'rowId'>) => Number(insert.run(row).lastInsertRowid),
    findById: (certificateId: number) => byId.get(certificateId) as CertificateRow | undefined,
    listForPackage: (packageId: number) => forPackage.all(packageId) as CertificateRow[],
  };
}
export type CertificatesRepository = ReturnType<typeof createCertificatesRepository>;
