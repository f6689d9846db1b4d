export function findElectronRuntime(): { path: string } | { missing: string };
