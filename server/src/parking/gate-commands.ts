import { NotFoundError } from '@memberkit/shared';
import type { CommandKind, ParkingCommandRepository } from './command-repository';
import type { GateRecord } from './lot-repository';
import type { ParkingLotService } from './lot-service';
import { newParkingId } from './parking-ids';

// lpr-camera-push.md: an "open once" instruction not delivered within 60 s lapses.
const COMMAND_LIFETIME_MS = 60_000;

export interface PendingCommand {
  id: string;
  cameraSerial: string;
  kind: CommandKind;
  reason: string;
  expiresAt: string;
}

/** "Open once" and "read again" for a gate, picked up by its adapter (lpr-camera-push.md). */
export class GateCommands {
  constructor(
    private readonly repository: ParkingCommandRepository,
    private readonly lots: ParkingLotService,
  ) {}

  async issue(
    gate: GateRecord,
    kind: CommandKind,
    reason: string,
    sessionId: string | null = null,
    now = new Date(),
  ): Promise<string> {
    const id = newParkingId('pc');
    await this.repository.insert({
      id,
      gateId: gate.id,
      deviceId: gate.deviceId,
      kind,
      sessionId,
      reason,
      expiresAt: new Date(now.getTime() + COMMAND_LIFETIME_MS),
    });
    return id;
  }

  async pendingFor(deviceId: string, now = new Date()): Promise<PendingCommand[]> {
    const commands = await this.repository.pendingForDevice(deviceId, now);
    const gates = new Map((await this.lots.gatesOfDevice(deviceId)).map((gate) => [gate.id, gate]));
    return commands.flatMap((command) => {
      const gate = gates.get(command.gateId);
      if (!gate) return [];
      return [
        {
          id: command.id,
          cameraSerial: gate.cameraSerial,
          kind: command.kind,
          reason: command.reason,
          expiresAt: command.expiresAt.toISOString(),
        },
      ];
    });
  }

  /** The adapter handed it to the camera; a repeated acknowledgement changes nothing. */
  async acknowledge(deviceId: string, commandId: string, now = new Date()): Promise<boolean> {
    const command = await this.repository.find(commandId);
    if (!command || command.deviceId !== deviceId)
      throw new NotFoundError('PARKING_COMMAND_NOT_FOUND');
    return this.repository.markDelivered(commandId, now);
  }
}
