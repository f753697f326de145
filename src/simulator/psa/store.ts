import { randomUUID } from 'node:crypto';
import { apiError, invalidReference, notFound } from './errors';
import {
  defaultOrganizationNames,
  seedBoards,
  seedClients,
  defaultPriorityNames,
  seedUsers,
  type SeedClient,
} from './seed';

/** Rows as Alga's tables and API return them (snake_case, ISO timestamps). */
export interface ClientRow {
  client_id: string;
  client_name: string;
  phone_no: string | null;
  email: string | null;
  url: string | null;
  address: string | null;
  is_inactive: boolean;
  client_type: 'company' | 'individual';
  billing_cycle: string;
  properties: Record<string, unknown>;
  timezone: string | null;
  credit_balance: number;
  account_manager_full_name: string | null;
  logoUrl: string | null;
  tenant: string;
  created_at: string;
  updated_at: string;
}

export interface BoardRow {
  board_id: string;
  board_name: string;
  description: string | null;
  display_order: number;
  is_default: boolean;
  is_inactive: boolean;
  category_type: 'custom' | 'itil' | null;
  priority_type: 'custom' | 'itil' | null;
  display_itil_impact: boolean | null;
  display_itil_urgency: boolean | null;
  default_assigned_to: string | null;
  enable_live_ticket_timer: boolean | null;
  tenant: string;
}

export interface StatusRow {
  status_id: string;
  name: string;
  status_type: 'ticket';
  order_number: number;
  is_closed: boolean;
  is_default: boolean | null;
  item_type: string | null;
  standard_status_id: string | null;
  is_custom: boolean | null;
  board_id: string;
  color: string | null;
  icon: string | null;
  tenant: string;
}

export interface PriorityRow {
  priority_id: string;
  priority_name: string;
  description: string | null;
  order_number: number;
  color: string | null;
  item_type: 'ticket';
  is_from_itil_standard: boolean;
  tenant: string;
}

export interface UserRow {
  user_id: string;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  timezone: string | null;
  user_type: string;
  contact_id: string | null;
  is_inactive: boolean;
  tenant: string;
  created_at: string;
  updated_at: string;
}

export interface ContactRow {
  contact_name_id: string;
  full_name: string;
  client_id: string | null;
  email: string;
  role: string | null;
  phone_numbers: unknown[];
  default_phone_number: string | null;
  is_inactive: boolean;
  tenant: string;
  created_at: string;
  updated_at: string;
}

export interface TicketRow {
  tenant: string;
  ticket_id: string;
  ticket_number: string;
  title: string;
  url: string | null;
  board_id: string;
  client_id: string;
  location_id: string | null;
  billing_profile_id: string | null;
  contact_name_id: string | null;
  status_id: string;
  category_id: string | null;
  subcategory_id: string | null;
  entered_by: string;
  updated_by: string | null;
  closed_by: string | null;
  assigned_to: string | null;
  assigned_team_id: string | null;
  entered_at: string;
  updated_at: string;
  closed_at: string | null;
  due_date: string | null;
  source: string | null;
  ticket_origin: string | null;
  attributes: Record<string, unknown> | null;
  email_metadata: unknown;
  priority_id: string;
  response_state: string | null;
  itil_impact: number | null;
  itil_urgency: number | null;
  itil_priority_level: number | null;
  itil_category: string | null;
  itil_subcategory: string | null;
  is_closed: boolean;
  tags?: string[];
}

export interface CommentRow {
  comment_id: string;
  thread_id: string;
  parent_comment_id: string | null;
  ticket_id: string;
  note: string;
  is_internal: boolean;
  is_resolution: boolean;
  user_id: string;
  tenant: string;
  created_at: string;
  updated_at: string;
  metadata: Record<string, unknown> | null;
}

export interface AssetRow {
  asset_id: string;
  client_id: string;
  asset_type: string;
  asset_tag: string;
  name: string;
  status: string;
  location_id: string | null;
  location: string | null;
  serial_number: string | null;
  purchase_date: string | null;
  warranty_end_date: string | null;
  rmm_provider: string | null;
  rmm_device_id: string | null;
  rmm_organization_id: string | null;
  agent_status: string | null;
  last_seen_at: string | null;
  last_rmm_sync_at: string | null;
  tenant: string;
  created_at: string;
  updated_at: string;
}

export interface AssociationRow {
  tenant: string;
  asset_id: string;
  entity_id: string;
  entity_type: 'ticket';
  relationship_type: string;
  notes: string | null;
  created_by: string;
  created_at: string;
}

export interface StoreOptions {
  organizationNames?: readonly string[];
  priorityNames?: readonly string[];
  now: () => number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** The tenant's data and the rules Alga's services enforce on it (§2, §3 and §4 of the reference). */
export class PsaStore {
  readonly tenant = randomUUID();
  readonly apiUserId: string;
  readonly clients = new Map<string, ClientRow>();
  readonly boards = new Map<string, BoardRow>();
  readonly statuses = new Map<string, StatusRow>();
  readonly priorities = new Map<string, PriorityRow>();
  readonly users = new Map<string, UserRow>();
  readonly contacts = new Map<string, ContactRow>();
  readonly tickets = new Map<string, TicketRow>();
  readonly deletedTickets: TicketRow[] = [];
  readonly comments = new Map<string, CommentRow[]>();
  readonly assets = new Map<string, AssetRow>();
  readonly associations: AssociationRow[] = [];
  readonly seededClients: (SeedClient & { clientId: string })[] = [];
  private nextNumber = 1000;
  private readonly now: () => number;

  constructor(options: StoreOptions) {
    this.now = options.now;
    const at = this.iso();
    let apiUserId = '';
    for (const [i, u] of seedUsers.entries()) {
      const user: UserRow = {
        user_id: randomUUID(),
        username: u.username,
        first_name: u.first,
        last_name: u.last,
        email: `${u.username}@msp.example`,
        phone: null,
        timezone: 'UTC',
        user_type: u.type,
        contact_id: null,
        is_inactive: false,
        tenant: this.tenant,
        created_at: at,
        updated_at: at,
      };
      this.users.set(user.user_id, user);
      // The first user owns the API key: what `entered_by` and `created_by` record.
      if (i === 0) apiUserId = user.user_id;
    }
    this.apiUserId = apiUserId;
    for (const seed of seedClients(options.organizationNames ?? defaultOrganizationNames)) {
      const client = this.addClient(seed.name);
      this.seededClients.push({ ...seed, clientId: client.client_id });
    }
    seedBoards.forEach((b, order) => {
      const board: BoardRow = {
        board_id: randomUUID(),
        board_name: b.name,
        description: null,
        display_order: order + 1,
        is_default: b.isDefault,
        is_inactive: b.isInactive,
        category_type: 'custom',
        priority_type: 'custom',
        display_itil_impact: false,
        display_itil_urgency: false,
        default_assigned_to: null,
        enable_live_ticket_timer: false,
        tenant: this.tenant,
      };
      this.boards.set(board.board_id, board);
      b.statuses.forEach((s, i) => {
        const status: StatusRow = {
          status_id: randomUUID(),
          name: s.name,
          status_type: 'ticket',
          order_number: i + 1,
          is_closed: s.isClosed,
          is_default: s.isDefault,
          item_type: 'ticket',
          standard_status_id: null,
          is_custom: true,
          board_id: board.board_id,
          color: null,
          icon: null,
          tenant: this.tenant,
        };
        this.statuses.set(status.status_id, status);
      });
    });
    (options.priorityNames ?? defaultPriorityNames).forEach((name, i) => {
      const priority: PriorityRow = {
        priority_id: randomUUID(),
        priority_name: name,
        description: null,
        order_number: i + 1,
        color: null,
        item_type: 'ticket',
        is_from_itil_standard: false,
        tenant: this.tenant,
      };
      this.priorities.set(priority.priority_id, priority);
    });
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  addClient(name: string, options: { inactive?: boolean } = {}): ClientRow {
    const at = this.iso();
    const client: ClientRow = {
      client_id: randomUUID(),
      client_name: name,
      phone_no: null,
      email: null,
      url: null,
      address: null,
      is_inactive: options.inactive ?? false,
      client_type: 'company',
      billing_cycle: 'monthly',
      properties: {},
      timezone: null,
      credit_balance: 0,
      account_manager_full_name: null,
      logoUrl: null,
      tenant: this.tenant,
      created_at: at,
      updated_at: at,
    };
    this.clients.set(client.client_id, client);
    const contact: ContactRow = {
      contact_name_id: randomUUID(),
      full_name: `${name} Front Desk`,
      client_id: client.client_id,
      email: `frontdesk@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
      role: 'Office manager',
      phone_numbers: [],
      default_phone_number: null,
      is_inactive: false,
      tenant: this.tenant,
      created_at: at,
      updated_at: at,
    };
    this.contacts.set(contact.contact_name_id, contact);
    return client;
  }

  statusesOfBoard(boardId: string): StatusRow[] {
    return [...this.statuses.values()]
      .filter((s) => s.board_id === boardId)
      .sort((a, b) => a.order_number - b.order_number || a.name.localeCompare(b.name));
  }

  /** Ticket create as `TicketService.createTicket` + `TicketModel.createTicket` check it after zod. */
  createTicket(input: {
    title: string;
    board_id: string;
    client_id: string;
    status_id: string;
    priority_id: string;
    url?: string | undefined;
    location_id?: string | undefined;
    contact_name_id?: string | undefined;
    category_id?: string | undefined;
    subcategory_id?: string | undefined;
    assigned_to?: string | undefined;
    attributes?: Record<string, unknown> | undefined;
    tags?: string[] | undefined;
  }): TicketRow {
    this.assertStatusInBoard(input.status_id, input.board_id);
    if (input.location_id) {
      throw apiError(400, 'VALIDATION_ERROR', 'Validation failed', [
        {
          path: ['location_id'],
          message: 'Invalid location: Location does not belong to the selected client',
        },
      ]);
    }
    if (!this.clients.has(input.client_id) || !this.priorities.has(input.priority_id))
      throw invalidReference();
    if (input.contact_name_id && !this.contacts.has(input.contact_name_id)) throw invalidReference();
    if (input.assigned_to && !this.users.has(input.assigned_to)) throw invalidReference();
    if (input.category_id || input.subcategory_id) throw invalidReference();
    const at = this.iso();
    const ticket: TicketRow = {
      tenant: this.tenant,
      ticket_id: randomUUID(),
      ticket_number: `TIC${String(this.nextNumber++).padStart(6, '0')}`,
      title: input.title,
      url: input.url ?? null,
      board_id: input.board_id,
      client_id: input.client_id,
      location_id: null,
      billing_profile_id: null,
      contact_name_id: input.contact_name_id ?? null,
      status_id: input.status_id,
      category_id: null,
      subcategory_id: null,
      entered_by: this.apiUserId,
      updated_by: null,
      closed_by: null,
      assigned_to: input.assigned_to ?? null,
      assigned_team_id: null,
      entered_at: at,
      updated_at: at,
      closed_at: null,
      due_date: null,
      source: 'api',
      ticket_origin: 'api',
      attributes: input.attributes ?? null,
      email_metadata: null,
      priority_id: input.priority_id,
      response_state: null,
      itil_impact: null,
      itil_urgency: null,
      itil_priority_level: null,
      itil_category: null,
      itil_subcategory: null,
      is_closed: this.statuses.get(input.status_id)?.is_closed ?? false,
      ...(input.tags ? { tags: input.tags } : {}),
    };
    this.tickets.set(ticket.ticket_id, ticket);
    return ticket;
  }

  assertStatusInBoard(statusId: string, boardId: string): void {
    const status = this.statuses.get(statusId);
    if (!status || status.board_id !== boardId) {
      throw apiError(400, 'VALIDATION_ERROR', 'Validation failed', [
        { path: ['status_id'], message: `status_id ${statusId} does not belong to board_id ${boardId}` },
      ]);
    }
  }

  ticket(id: string): TicketRow {
    if (!isUuid(id)) throw apiError(400, 'VALIDATION_ERROR', 'Invalid ticket ID format');
    const ticket = this.tickets.get(id);
    if (!ticket) throw notFound('Ticket');
    return ticket;
  }

  /** `TicketService.update`: partial, board changes need a status of the new board, attributes replace. */
  updateTicket(
    id: string,
    patch: Partial<Pick<TicketRow, 'title' | 'board_id' | 'client_id' | 'status_id' | 'priority_id'>> & {
      attributes?: Record<string, unknown> | null | undefined;
      assigned_to?: string | null | undefined;
    },
  ): TicketRow {
    const ticket = this.ticket(id);
    const boardId = patch.board_id ?? ticket.board_id;
    if (patch.board_id && patch.board_id !== ticket.board_id && !patch.status_id) {
      throw apiError(400, 'VALIDATION_ERROR', 'Validation failed', [
        { path: ['status_id'], message: 'status_id is required when changing board_id' },
      ]);
    }
    if (patch.status_id || patch.board_id)
      this.assertStatusInBoard(patch.status_id ?? ticket.status_id, boardId);
    if (patch.client_id && !this.clients.has(patch.client_id)) throw invalidReference();
    if (patch.priority_id && !this.priorities.has(patch.priority_id)) throw invalidReference();
    if (patch.assigned_to && !this.users.has(patch.assigned_to)) throw invalidReference();
    const { attributes, ...rest } = patch;
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) (ticket as unknown as Record<string, unknown>)[key] = value;
    }
    if (attributes !== undefined) ticket.attributes = attributes;
    if (patch.status_id) this.applyClosedState(ticket);
    ticket.updated_at = this.iso();
    ticket.updated_by = this.apiUserId;
    return ticket;
  }

  setStatus(id: string, statusId: string): TicketRow {
    const ticket = this.ticket(id);
    this.assertStatusInBoard(statusId, ticket.board_id);
    ticket.status_id = statusId;
    this.applyClosedState(ticket);
    ticket.updated_at = this.iso();
    ticket.updated_by = this.apiUserId;
    return ticket;
  }

  private applyClosedState(ticket: TicketRow): void {
    const closed = this.statuses.get(ticket.status_id)?.is_closed ?? false;
    if (closed && !ticket.is_closed) {
      ticket.closed_at = this.iso();
      ticket.closed_by = this.apiUserId;
    }
    if (!closed) {
      ticket.closed_at = null;
      ticket.closed_by = null;
    }
    ticket.is_closed = closed;
  }

  deleteTicket(id: string): void {
    const ticket = this.ticket(id);
    this.tickets.delete(id);
    this.deletedTickets.push(ticket);
  }

  /** The list/get joins: names of the client, status, priority, board and users. */
  joined(ticket: TicketRow): Record<string, unknown> {
    const status = this.statuses.get(ticket.status_id);
    const contact = ticket.contact_name_id ? this.contacts.get(ticket.contact_name_id) : undefined;
    const userName = (id: string | null): string | null => {
      const user = id ? this.users.get(id) : undefined;
      return user ? `${user.first_name} ${user.last_name}` : null;
    };
    return {
      ...ticket,
      client_name: this.clients.get(ticket.client_id)?.client_name ?? null,
      contact_name: contact?.full_name ?? null,
      status_name: status?.name ?? null,
      status_is_closed: status?.is_closed ?? false,
      priority_name: this.priorities.get(ticket.priority_id)?.priority_name ?? null,
      category_name: null,
      subcategory_name: null,
      board_name: this.boards.get(ticket.board_id)?.board_name ?? null,
      entered_by_name: userName(ticket.entered_by),
      assigned_to_name: userName(ticket.assigned_to),
    };
  }

  addComment(
    ticketId: string,
    input: { comment_text: string; is_internal: boolean; is_resolution: boolean; metadata?: unknown },
  ): CommentRow {
    const ticket = this.ticket(ticketId);
    const at = this.iso();
    const id = randomUUID();
    const comment: CommentRow = {
      comment_id: id,
      thread_id: id,
      parent_comment_id: null,
      ticket_id: ticket.ticket_id,
      note: input.comment_text,
      is_internal: input.is_internal,
      is_resolution: input.is_resolution,
      user_id: this.apiUserId,
      tenant: this.tenant,
      created_at: at,
      updated_at: at,
      metadata: (input.metadata as Record<string, unknown> | undefined) ?? null,
    };
    const list = this.comments.get(ticket.ticket_id) ?? [];
    list.push(comment);
    this.comments.set(ticket.ticket_id, list);
    ticket.updated_at = at;
    ticket.updated_by = this.apiUserId;
    return comment;
  }

  createAsset(input: {
    client_id: string;
    asset_type: string;
    asset_tag: string;
    name: string;
    status: string;
    location?: string | undefined;
    serial_number?: string | undefined;
    purchase_date?: string | undefined;
    warranty_end_date?: string | undefined;
    /** The RMM columns only Alga's own sync writes (the API cannot). */
    rmm?: {
      device_id: string;
      organization_id?: string | null;
      agent_status?: string;
      last_seen_at?: string | null;
    };
  }): AssetRow {
    if (!this.clients.has(input.client_id)) throw invalidReference();
    const at = this.iso();
    const asset: AssetRow = {
      asset_id: randomUUID(),
      client_id: input.client_id,
      asset_type: input.asset_type,
      asset_tag: input.asset_tag,
      name: input.name,
      status: input.status,
      location_id: null,
      location: input.location ?? null,
      serial_number: input.serial_number ?? null,
      purchase_date: input.purchase_date ?? null,
      warranty_end_date: input.warranty_end_date ?? null,
      rmm_provider: input.rmm ? 'ninjaone' : null,
      rmm_device_id: input.rmm?.device_id ?? null,
      rmm_organization_id: input.rmm?.organization_id ?? null,
      agent_status: input.rmm ? (input.rmm.agent_status ?? 'online') : null,
      last_seen_at: input.rmm ? (input.rmm.last_seen_at ?? at) : null,
      last_rmm_sync_at: input.rmm ? at : null,
      tenant: this.tenant,
      created_at: at,
      updated_at: at,
    };
    this.assets.set(asset.asset_id, asset);
    return asset;
  }

  /** `TicketService.linkAsset`: 404 for a missing ticket or asset, 409 for an existing link. */
  linkAsset(ticketId: string, assetId: string, relationship: string, notes: string | null): AssociationRow {
    const ticket = this.ticket(ticketId);
    if (!this.assets.has(assetId)) throw notFound('Asset');
    if (this.associations.some((a) => a.asset_id === assetId && a.entity_id === ticket.ticket_id)) {
      throw apiError(409, 'CONFLICT', 'Asset is already linked to this ticket');
    }
    const row: AssociationRow = {
      tenant: this.tenant,
      asset_id: assetId,
      entity_id: ticket.ticket_id,
      entity_type: 'ticket',
      relationship_type: relationship,
      notes,
      created_by: this.apiUserId,
      created_at: this.iso(),
    };
    this.associations.push(row);
    return row;
  }

  /** Deletes an asset and its ticket links (the associations go with the asset). */
  deleteAsset(assetId: string): void {
    this.assets.delete(assetId);
    for (let i = this.associations.length - 1; i >= 0; i--)
      if (this.associations[i]!.asset_id === assetId) this.associations.splice(i, 1);
  }

  unlinkAsset(ticketId: string, assetId: string): void {
    const index = this.associations.findIndex((a) => a.entity_id === ticketId && a.asset_id === assetId);
    if (index < 0) throw notFound('Asset-ticket association');
    this.associations.splice(index, 1);
  }
}
