/** Every cloud function, by name: the registry the local host serves and the tests walk. */
import type { CloudFunction } from './define';
import { resident } from './resident';

export const FUNCTIONS: Record<string, CloudFunction> = {
  resident,
};
