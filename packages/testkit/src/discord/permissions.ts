/** Discord's permission bits the fake reasons about (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSIONS = {
  createInstantInvite: 1n << 0n,
  kickMembers: 1n << 1n,
  banMembers: 1n << 2n,
  administrator: 1n << 3n,
  manageChannels: 1n << 4n,
  manageGuild: 1n << 5n,
  addReactions: 1n << 6n,
  viewAuditLog: 1n << 7n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  manageMessages: 1n << 13n,
  embedLinks: 1n << 14n,
  attachFiles: 1n << 15n,
  readMessageHistory: 1n << 16n,
  mentionEveryone: 1n << 17n,
  useExternalEmojis: 1n << 18n,
  connect: 1n << 20n,
  changeNickname: 1n << 26n,
  manageNicknames: 1n << 27n,
  manageRoles: 1n << 28n,
  manageWebhooks: 1n << 29n,
  useApplicationCommands: 1n << 31n,
  manageEvents: 1n << 33n,
  manageThreads: 1n << 34n,
  createPublicThreads: 1n << 35n,
  sendMessagesInThreads: 1n << 38n,
  createEvents: 1n << 44n,
} as const;

/** Every bit Discord currently defines (up to 1 << 51). */
export const ALL_PERMISSIONS = (1n << 52n) - 1n;

/** What @everyone may do in a new guild, roughly Discord's default. */
export const DEFAULT_EVERYONE =
  PERMISSIONS.createInstantInvite |
  PERMISSIONS.addReactions |
  PERMISSIONS.viewChannel |
  PERMISSIONS.sendMessages |
  PERMISSIONS.embedLinks |
  PERMISSIONS.attachFiles |
  PERMISSIONS.readMessageHistory |
  PERMISSIONS.useExternalEmojis |
  PERMISSIONS.connect |
  PERMISSIONS.changeNickname |
  PERMISSIONS.useApplicationCommands |
  PERMISSIONS.createPublicThreads |
  PERMISSIONS.sendMessagesInThreads |
  PERMISSIONS.createEvents;

/** The bot's own role: what Circuitboard's invite link asks for (docs/bot.md). */
export const DEFAULT_BOT_PERMISSIONS =
  DEFAULT_EVERYONE |
  PERMISSIONS.manageRoles |
  PERMISSIONS.manageEvents |
  PERMISSIONS.manageThreads |
  PERMISSIONS.manageWebhooks |
  PERMISSIONS.manageMessages;

export function hasPermission(granted: bigint, wanted: bigint): boolean {
  if ((granted & PERMISSIONS.administrator) !== 0n) return true;
  return (granted & wanted) === wanted;
}
