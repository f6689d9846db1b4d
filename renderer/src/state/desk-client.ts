import { createDeskClient, type DeskClient, type Transport } from '../../../shared/rpc/client';

let client: DeskClient | null = null;

/** Set once at start-up with the transport the page runs over. */
export function installDeskClient(transport: Transport): DeskClient {
  client = createDeskClient(transport);
  return client;
}

export function deskClient(): DeskClient {
  if (client === null) throw new Error('the desk client is used before start-up installed it');
  return client;
}
