/** The test suites check every record the store writes, those the core built too (`backend/store/built-change.ts`). */
process.env.STORE_CHECK_BUILT = '1';
