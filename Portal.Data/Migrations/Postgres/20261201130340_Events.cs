using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Portal.Data.Database;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    TenantUserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    IntegrationId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true, collation: "C"),
                    IntegrationName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SubjectKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    SubjectId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Changes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ActorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false, collation: "C"),
                    ActorName = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_IntegrationId_Id",
                table: "events",
                columns: new[] { "IntegrationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_events_OwnerId_Id",
                table: "events",
                columns: new[] { "OwnerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_events_TenantUserId_Id",
                table: "events",
                columns: new[] { "TenantUserId", "Id" });

            // The new table tells every node of its changes too (see Database/PostgresChangeNotifications).
            migrationBuilder.NotifyPortalChanges();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
