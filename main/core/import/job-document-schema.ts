/** The job document's schema lives in shared/ (the hub validates job intake with it too). */
export * from '../../../shared/domain/job-document';
