import { setEnabledOperation } from './setEnabled';

/** Registration → Disable: `enabled: false`, every other field kept. */
export const { description, execute } = setEnabledOperation('disable');
