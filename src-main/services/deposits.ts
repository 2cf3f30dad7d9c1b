// Swikly deposits: use cases (being written).
import { AppError } from '../../src-shared/contract';
import type { Handlers } from './context';

type DepositHandlers = Pick<
  Handlers,
  | 'swikly/settings/get'
  | 'swikly/settings/save'
  | 'swikly/connect'
  | 'properties/deposits/list'
  | 'properties/deposits/save'
  | 'deposits/get'
  | 'deposits/copyLink'
  | 'deposits/sendRequestMail'
  | 'deposits/release'
  | 'deposits/request'
>;

const todo = () => {
  throw new AppError('internal', 'Bientôt disponible.');
};

export const depositHandlers: DepositHandlers = {
  'swikly/settings/get': todo,
  'swikly/settings/save': todo,
  'swikly/connect': todo,
  'properties/deposits/list': todo,
  'properties/deposits/save': todo,
  'deposits/get': todo,
  'deposits/copyLink': todo,
  'deposits/sendRequestMail': todo,
  'deposits/release': todo,
  'deposits/request': todo,
};
