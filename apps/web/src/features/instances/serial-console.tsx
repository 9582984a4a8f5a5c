'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Terminal as XTerm } from '@xterm/xterm';
import { PlugZap, TerminalSquare } from 'lucide-react';
import { Button, Panel, cn } from '@nimbus/ui';
import { useTRPC } from '@/trpc/react';
import { replayText } from './serial-console-replay';

type Phase = { kind: 'connecting' } | { kind: 'connected' } | { kind: 'disconnected'; message: string };

/** A fixed height, so neither the terminal opening nor the status changing moves the page. */
const SCREEN = 'h-[24rem] sm:h-[30rem]';

/**
 * The console proxy is on the server that served this page: the browser keeps the host it used
 * (which may differ from the configured public URL, e.g. localhost vs 127.0.0.1).
 */
function sameHostUrl(url: string): string {
  const u = new URL(url);
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${u.pathname}${u.search}`;
}

/** Console tab: the instance's live serial console (nova-serialproxy + xterm.js), or why there is none. */
export function SerialConsole({ id, unavailable }: { id: string; unavailable: string | undefined }) {
  return (
    <Panel title="Console" description="The instance's serial console, live. Click the terminal (or Tab to it) to type.">
      {unavailable ? (
        <div className={cn(SCREEN, 'flex items-center justify-center rounded-md border border-dashed border-border p-6 text-center text-sm text-fg-muted')}>
          <p className="flex items-center gap-2">
            <TerminalSquare className="size-4 shrink-0" aria-hidden="true" />
            {unavailable}
          </p>
        </div>
      ) : (
        <LiveTerminal id={id} />
      )}
    </Panel>
  );
}

function LiveTerminal({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutateAsync: openConsole } = useMutation(trpc.compute.serialConsole.mutationOptions());
  const screen = useRef<HTMLDivElement>(null);
  const socket = useRef<WebSocket | null>(null);
  const [term, setTerm] = useState<XTerm | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  // The terminal lives as long as the tab; xterm touches `window`, so it loads in the browser only.
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(([{ Terminal }, { FitAddon }]) => {
      const el = screen.current;
      if (disposed || !el) return;
      const t = new Terminal({
        convertEol: false,
        cursorBlink: true,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 13,
        scrollback: 5000,
        theme: { background: '#0d1117', foreground: '#e6edf3' },
      });
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.open(el);
      fit.fit();
      const resize = new ResizeObserver(() => fit.fit());
      resize.observe(el);
      // A shell wants Tab, so Tab stays in the terminal; Escape then Tab hands focus back to the page.
      let escaped = false;
      t.attachCustomKeyEventHandler((e) => {
        if (e.type !== 'keydown') return true;
        if (e.key === 'Tab' && escaped) {
          escaped = false;
          return false;
        }
        escaped = e.key === 'Escape';
        return true;
      });
      const send = (data: string | Uint8Array) => {
        if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(data);
      };
      const typed = t.onData((d) => send(d));
      const binary = t.onBinary((d) => send(Uint8Array.from(d, (c) => c.charCodeAt(0))));
      setTerm(t);
      dispose = () => {
        typed.dispose();
        binary.dispose();
        resize.disconnect();
        t.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, []);

  // One connection per attempt: a fresh one-time URL each time, since a token opens one session.
  useEffect(() => {
    if (!term) return;
    let left = false;
    let ws: WebSocket | null = null;
    // The serial port streams only what comes after the connection (as nova-serialproxy): the
    // boot so far comes from the console log first, then the live bytes follow.
    const history = queryClient
      .fetchQuery({ ...trpc.compute.servers.consoleLog.queryOptions({ id, length: 200 }), staleTime: 0 })
      .then((l) => (left ? undefined : term.write(replayText(l.output))), () => undefined);
    history.then(() => openConsole({ id })).then(
      ({ url }) => {
        if (left) return;
        ws = new WebSocket(sameHostUrl(url));
        ws.binaryType = 'arraybuffer';
        socket.current = ws;
        let opened = false;
        ws.onopen = () => {
          opened = true;
          setPhase({ kind: 'connected' });
        };
        // The proxy sends the guest's bytes as binary frames; xterm decodes UTF-8 across chunks.
        ws.onmessage = (e: MessageEvent<ArrayBuffer>) => term.write(new Uint8Array(e.data));
        ws.onclose = (e) => {
          if (left) return;
          const message = !opened ? 'The console could not be reached.' : e.code === 1000 ? 'The console closed.' : 'The connection to the console was lost.';
          setPhase({ kind: 'disconnected', message });
        };
      },
      (err: unknown) => {
        if (!left) setPhase({ kind: 'disconnected', message: err instanceof Error ? err.message : 'The console could not be opened.' });
      },
    );
    return () => {
      left = true;
      ws?.close();
      socket.current = null;
    };
  }, [term, attempt, id, openConsole, queryClient, trpc]);

  const reconnect = () => {
    setPhase({ kind: 'connecting' });
    term?.reset();
    setAttempt((n) => n + 1);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2 text-sm">
        <p role="status" aria-live="polite" className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className={cn('size-2 rounded-full', phase.kind === 'connected' ? 'bg-status-active' : phase.kind === 'connecting' ? 'animate-pulse bg-status-building' : 'bg-status-shutoff')}
          />
          {phase.kind === 'connecting' ? 'Connecting…' : phase.kind === 'connected' ? 'Connected' : `Disconnected: ${phase.message}`}
        </p>
        {phase.kind === 'disconnected' ? (
          <Button variant="secondary" size="sm" icon={<PlugZap className="size-4" />} onClick={reconnect}>
            Reconnect
          </Button>
        ) : (
          <span className="text-xs text-fg-muted">{phase.kind === 'connected' ? 'Press Enter for a prompt. ' : ''}Esc then Tab leaves the terminal.</span>
        )}
      </div>
      <div
        ref={screen}
        role="group"
        aria-label="Serial console"
        className={cn(SCREEN, 'overflow-hidden rounded-md bg-[#0d1117] p-2 focus-within:ring-2 focus-within:ring-primary')}
      />
    </div>
  );
}
