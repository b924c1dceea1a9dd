/** Every cloud function served over HTTP by the local host, by name. (`timer` runs on its own trigger.) */
import type { CloudFunction } from './define';
import { admin } from './admin';
import { board } from './board';
import { community } from './community';
import { intake } from './intake';
import { member } from './member';
import { resident } from './resident';

export const FUNCTIONS: Record<string, CloudFunction> = {
  resident,
  member,
  board,
  admin,
  community,
  intake,
};
