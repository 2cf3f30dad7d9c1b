import { agencyHandlers } from './agencies';
import { bookingCommandHandlers } from './bookings-commands';
import { bookingQueryHandlers } from './bookings-query';
import { clientHandlers } from './clients';
import type { Handlers } from './context';
import { depositHandlers } from './deposits';
import { swiklySettingsHandlers } from './swikly-settings';
import { emailHandlers } from './emails';
import { emailSettingsHandlers } from './email-settings';
import { syncHandlers } from './sync';

/** Every contract method's use case; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...agencyHandlers,
  ...clientHandlers,
  ...bookingQueryHandlers,
  ...bookingCommandHandlers,
  ...syncHandlers,
  ...emailSettingsHandlers,
  ...emailHandlers,
  ...depositHandlers,
  ...swiklySettingsHandlers,
};

export type { Handlers, ServiceContext } from './context';
