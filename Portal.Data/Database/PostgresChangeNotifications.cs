using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data.Caching;

namespace Portal.Data.Database;

/// <summary>
/// The SQL that makes every change to a table send a notification (channel <see cref="NotifiedDataVersion.Channel"/>,
/// the table's name as payload), whoever makes it: a node, the tokens command, psql. Statement-level triggers in
/// plpgsql; no extension and no superuser. PostgreSQL folds identical notifications of one transaction into one.
/// </summary>
internal static class PostgresChangeNotifications
{
    /// <summary>
    /// Creates (or replaces) the function and a trigger on every table of the schema but EF Core's own. Idempotent: a
    /// migration that adds a table ends with <c>migrationBuilder.NotifyPortalChanges()</c> to give the new table its trigger.
    /// </summary>
    public static void NotifyPortalChanges(this MigrationBuilder migrationBuilder) => migrationBuilder.Sql($$"""
        CREATE OR REPLACE FUNCTION portal_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            PERFORM pg_notify('{{NotifiedDataVersion.Channel}}', TG_TABLE_NAME);
            RETURN NULL;
        END
        $fn$;

        DO $do$
        DECLARE t record;
        BEGIN
            FOR t IN SELECT tablename FROM pg_tables
                     WHERE schemaname = current_schema() AND tablename NOT LIKE '\_\_EF%'
            LOOP
                EXECUTE format('CREATE OR REPLACE TRIGGER portal_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                    || 'FOR EACH STATEMENT EXECUTE FUNCTION portal_notify_change()', t.tablename);
            END LOOP;
        END
        $do$;
        """);

    /// <summary>Removes the triggers and the function (the first migration's Down).</summary>
    public static void StopNotifyingPortalChanges(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS portal_notify_change() CASCADE;");
}
