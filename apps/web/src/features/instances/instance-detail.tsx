'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { RefreshCw, TriangleAlert } from 'lucide-react';
import { Badge, Button, DescriptionList, ErrorState, Panel, Spinner, StatusBadge, Tabs } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { formatTime } from '../format';
import { TRANSITIONAL_POLL_MS, useLiveInvalidate } from '../live/use-live-list';
import type { RouterOutputs } from '../router-types';
import { stateReason } from './actions';
import { InstanceDetailActions } from './detail-actions';
import { formatDuration } from './duration';
import { DriverBadge } from '../hypervisors/driver-badge';
import { SerialConsole } from './serial-console';
import { serialConsoleUnavailable } from './serial-console-availability';

type Detail = RouterOutputs['compute']['servers']['get'];
const TABS = ['overview', 'serial', 'console', 'actions'] as const;

/** Instance detail: overview (with the fault when ERROR), live serial console, console log, action log timeline. Live. */
export function InstanceDetailView({ initial }: { initial: Detail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const id = initial.server.id;
  const query = useQuery(
    trpc.compute.servers.get.queryOptions({ id }, { initialData: initial, refetchInterval: (q) => (q.state.data?.server.transitional ? TRANSITIONAL_POLL_MS : false) }),
  );
  useLiveInvalidate(['instance'], trpc.compute.servers.pathFilter());
  const s = (query.data ?? initial).server;
  const can = (query.data ?? initial).can;
  const hypervisor = (query.data ?? initial).hypervisor;
  const tabParam = params.get('tab');
  const tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as (typeof TABS)[number]) : 'overview';
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2 text-sm">
          <StatusBadge status={s.status} />
          {s.taskState ? <span className="text-fg-muted">{s.taskState}</span> : null}
        </div>
        <InstanceDetailActions server={s} can={can} listHref={pathname.replace(/\/[^/]+$/, '')} />
      </div>
      {s.status === 'ERROR' ? <FaultPanel fault={s.fault} /> : null}
      <Tabs
        label="Instance"
        value={tab}
        onValueChange={(v) => router.replace(v === 'overview' ? pathname : `${pathname}?tab=${v}`, { scroll: false })}
        items={[
          { value: 'overview', label: 'Overview', content: <Overview s={s} hypervisor={hypervisor} /> },
          { value: 'serial', label: 'Console', content: tab === 'serial' ? <SerialConsole id={id} unavailable={serialConsoleUnavailable(s, hypervisor, can.serialConsole)} /> : null },
          { value: 'console', label: 'Console Log', content: tab === 'console' ? <ConsoleLog id={id} reason={stateReason('getConsoleOutput', s) ?? (s.host === null && s.vmState === 'building' ? 'The instance is not on a host yet.' : undefined)} /> : null },
          { value: 'actions', label: 'Action Log', content: tab === 'actions' ? <ActionLog id={id} live={s.transitional} /> : null },
        ]}
      />
    </div>
  );
}

function FaultPanel({ fault }: { fault: Detail['server']['fault'] }) {
  return (
    <section role="alert" className="rounded-md border border-danger/40 bg-status-error-bg p-4 text-sm">
      <h2 className="mb-1 flex items-center gap-2 font-medium text-status-error">
        <TriangleAlert className="size-4" aria-hidden="true" /> The instance failed{fault?.code ? ` (${fault.code})` : ''}
      </h2>
      <p className="whitespace-pre-wrap">{fault?.message ?? 'No fault was recorded.'}</p>
      {fault?.details ? <pre className="mt-2 max-h-60 overflow-auto whitespace-pre-wrap font-mono text-xs">{fault.details}</pre> : null}
    </section>
  );
}

function Overview({ s, hypervisor }: { s: Detail['server']; hypervisor: Detail['hypervisor'] }) {
  return (
    <Panel title="Overview">
      <DescriptionList
        items={[
          { label: 'Name', value: s.name },
          { label: 'ID', value: s.id, mono: true },
          { label: 'Status', value: <StatusBadge status={s.status} /> },
          { label: 'Power state', value: s.powerState },
          { label: 'Task', value: s.taskState ?? 'None' },
          { label: 'Image', value: s.image ? (s.image.name ?? s.image.id) : '—' },
          { label: 'Flavor', value: `${s.flavor.name ?? s.flavor.id} (${s.flavor.vcpus} vCPU, ${s.flavor.memoryMb} MB RAM, ${s.flavor.rootGb} GB disk)` },
          { label: 'Key pair', value: s.keyName ?? 'None' },
          { label: 'Availability zone', value: s.availabilityZone ?? '—' },
          // Members are not shown the host, but are told when nothing real runs their instance.
          ...(s.host
            ? [
                {
                  label: 'Host',
                  value: (
                    <span className="inline-flex flex-wrap items-center gap-2">
                      {s.host}
                      {hypervisor ? <DriverBadge driver={hypervisor} /> : null}
                    </span>
                  ),
                },
              ]
            : hypervisor?.fake
              ? [{ label: 'Driver', value: <DriverBadge driver={hypervisor} /> }]
              : []),
          { label: 'Project', value: s.projectName ?? s.projectId },
          { label: 'Created', value: formatTime(s.createdAt) },
          { label: 'Launched', value: s.launchedAt ? formatTime(s.launchedAt) : '—' },
          ...(s.description ? [{ label: 'Description', value: s.description }] : []),
          ...(Object.keys(s.metadata).length ? [{ label: 'Metadata', value: Object.entries(s.metadata).map(([k, v]) => `${k}=${v}`).join(', ') }] : []),
        ]}
      />
    </Panel>
  );
}

function ConsoleLog({ id, reason }: { id: string; reason: string | undefined }) {
  const trpc = useTRPC();
  const log = useQuery({ ...trpc.compute.servers.consoleLog.queryOptions({ id, length: 500 }), enabled: reason === undefined, retry: false });
  return (
    <Panel
      title="Console Log"
      description="The last 500 lines of the instance's serial console."
      actions={
        <Button variant="secondary" size="sm" icon={<RefreshCw className="size-4" />} onClick={() => void log.refetch()} disabled={reason !== undefined} loading={log.isFetching}>
          Refresh
        </Button>
      }
    >
      {reason ? (
        <p className="text-sm text-fg-muted">{reason}</p>
      ) : log.error ? (
        <ErrorState title="Could not read the console log" message={log.error.message} action={<Button variant="secondary" onClick={() => void log.refetch()}>Try again</Button>} />
      ) : log.isLoading ? (
        <Spinner />
      ) : (
        <pre aria-label="Console log" className="max-h-[32rem] overflow-auto rounded-md bg-[#0d1117] p-3 font-mono text-xs text-[#e6edf3]">{log.data?.output || '(empty)'}</pre>
      )}
    </Panel>
  );
}

function ActionLog({ id, live }: { id: string; live: boolean }) {
  const trpc = useTRPC();
  const actions = useQuery(trpc.compute.servers.actionLog.queryOptions({ id }, { refetchInterval: live ? TRANSITIONAL_POLL_MS : false }));
  if (actions.error) return <ErrorState title="Could not read the action log" message={actions.error.message} action={<Button variant="secondary" onClick={() => void actions.refetch()}>Try again</Button>} />;
  if (!actions.data) return <Spinner />;
  return (
    <Panel title="Action Log" description="Every action on the instance, newest first, with its steps and how long each took.">
      <ol aria-label="Action log" className="relative flex flex-col gap-4 border-l border-border pl-5">
        {actions.data.map((a) => {
          const failed = a.events.some((e) => e.result === 'Error');
          return (
            <li key={a.requestId} className="relative">
              <span aria-hidden="true" className={`absolute -left-[1.6rem] top-1 size-2.5 rounded-full ${failed ? 'bg-danger' : a.finishTime ? 'bg-primary' : 'bg-status-building'}`} />
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{a.action}</span>
                <span className="text-xs text-fg-muted">{formatTime(a.startTime, true)}</span>
                <Badge tone={failed ? 'error' : a.finishTime ? 'active' : 'building'}>{a.finishTime ? formatDuration(a.durationMs) : 'in progress'}</Badge>
              </div>
              {a.message ? <p className="text-sm text-danger">{a.message}</p> : null}
              <p className="font-mono text-xs text-fg-subtle">{a.requestId}</p>
              {a.events.length ? (
                <ul className="mt-1 flex flex-col gap-1 text-sm">
                  {a.events.map((e, i) => (
                    <li key={i} className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-mono text-xs">{e.event}</span>
                      {e.host ? <span className="text-xs text-fg-muted">on {e.host}</span> : null}
                      <span className={`text-xs ${e.result === 'Error' ? 'text-danger' : 'text-fg-muted'}`}>{e.result ?? 'running'}</span>
                      <span className="text-xs text-fg-muted">{formatDuration(e.durationMs)}</span>
                      {e.details ? <pre className={`w-full whitespace-pre-wrap font-mono text-xs ${e.result === 'Error' ? 'text-danger' : 'text-fg-muted'}`}>{e.details}</pre> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {actions.data.length === 0 ? <p className="text-sm text-fg-muted">No actions yet.</p> : null}
    </Panel>
  );
}
