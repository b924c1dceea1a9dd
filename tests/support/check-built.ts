/** The test suites check every record the store writes, those the core built too (`backend/store/built-change.ts`). */
import { checkBuiltChanges } from '../../backend/store/built-change';

checkBuiltChanges(true);
