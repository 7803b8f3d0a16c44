import { setEnabledOperation } from './setEnabled';

/** Registration → Enable: `enabled: true`, every other field kept. */
export const { description, execute } = setEnabledOperation('enable');
