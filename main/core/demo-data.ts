/** The demo set lives in shared/ (the hub seeds the same jobs on a new site). */
export { DEMO_DOCUMENT } from '../../shared/domain/demo-jobs';
