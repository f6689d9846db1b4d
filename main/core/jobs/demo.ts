import type { MethodParams } from '../../../shared/rpc/contract';
import type { DemoRemoveResult } from '../../../shared/rpc/results';
import type { CoreContext } from '../context';
import { requireSupervisor } from '../operators/authorize';

/**
 * `demo.remove`: the demo jobs leave the desk. One the desk recorded real work for (a scan, a
 * package, a print) is kept, and named, so nothing recorded is lost. A supervisor action once the
 * desk has a supervisor.
 */
export async function removeDemo(context: CoreContext, params: MethodParams<'demo.remove'>): Promise<DemoRemoveResult> {
  await requireSupervisor(context, params.supervisorBadge, { kind: 'configuration', name: 'demo.remove' });
  return context.store.transaction(() => {
    const removed: string[] = [];
    const kept: string[] = [];
    for (const job of context.store.jobs.listDemo()) (context.store.jobs.removeDemo(job) ? removed : kept).push(job.name);
    return { removed, kept };
  });
}
