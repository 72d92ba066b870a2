/**
 * The role test apps connect as (least privilege, like production: core/db/app-role.ts);
 * migrations and grants run as the server's role of DATABASE_URL. Test-only values.
 */
export const TEST_APP_ROLE = 'cur_test_app';
/** Asked only by the embedded server of a run without DATABASE_URL (a trust-auth server ignores it). */
export const TEST_APP_ROLE_PASSWORD = 'test-app-role-password';
