/** The serial console is offered while the guest runs: ACTIVE, and not on its way out. */
export function serialConsoleRefusal(instance: { id: string; vmState: string; taskState: string | null }): string | null {
  if (instance.vmState !== 'active') return `Cannot 'get_serial_console' instance ${instance.id} while it is in vm_state ${instance.vmState}`;
  if (instance.taskState === 'deleting') return `Cannot 'get_serial_console' instance ${instance.id} while it is in task_state deleting`;
  return null;
}
