/** Error codes that travel to the renderer. Each comes with a French message a clerk can act on. */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'invalid_transition',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'db_too_new',
  /** A remote service (SMTP…) refused or could not be reached while staff waited for it. */
  'remote_failed',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface RpcError {
  code: ErrorCode;
  message: string;
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** Thrown by services; dispatch turns it into `{ok:false, error}`. Anything else becomes 'internal'. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const INTERNAL_ERROR_MESSAGE =
  "Une erreur inattendue s'est produite ; rien n'a été enregistré. Réessayez, et si elle revient, notez l'heure et prévenez l'assistance.";

/** An agency chosen on a screen that is no longer in the database (deleted from another window). */
export const agencyNotFound = () => new AppError('not_found', 'Agence introuvable : elle a peut-être été supprimée. Choisissez une autre agence.');

/** A dossier opened or acted on that is no longer in the database (deleted from another window). */
export const BOOKING_NOT_FOUND_MESSAGE = 'Dossier introuvable : il a peut-être été supprimé. Actualisez la liste des dossiers.';
export const bookingNotFound = () => new AppError('not_found', BOOKING_NOT_FOUND_MESSAGE);
