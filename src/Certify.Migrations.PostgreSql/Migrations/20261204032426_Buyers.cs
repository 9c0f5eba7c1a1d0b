using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Certify.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Buyers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Invitations_OneTenant",
                table: "Invitations");

            migrationBuilder.AddColumn<int>(
                name: "BuyerId",
                table: "Invitations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Buyers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Buyers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DistinctiveEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DistinctiveId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rfc = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    FannedOutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistinctiveEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DistinctiveEvents_Distinctives_DistinctiveId",
                        column: x => x.DistinctiveId,
                        principalTable: "Distinctives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BuyerApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BuyerId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuyerApiKeys_Buyers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Buyers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BuyerMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BuyerId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AlertMode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DigestedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuyerMemberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BuyerMemberships_Buyers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Buyers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WatchedSuppliers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BuyerId = table.Column<int>(type: "integer", nullable: false),
                    Rfc = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchedSuppliers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WatchedSuppliers_Buyers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Buyers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BuyerId = table.Column<int>(type: "integer", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SecretCipher = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    DisabledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookEndpoints_Buyers_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Buyers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WebhookEndpointId = table.Column<int>(type: "integer", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    EventType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PayloadJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ResponseBody = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GaveUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookEndpoints_WebhookEndpointId",
                        column: x => x.WebhookEndpointId,
                        principalTable: "WebhookEndpoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_BuyerId",
                table: "Invitations",
                column: "BuyerId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Invitations_OneTenant",
                table: "Invitations",
                sql: "(\"CompanyId\" IS NOT NULL AND \"CertifyingBodyId\" IS NULL AND \"BuyerId\" IS NULL) OR (\"CompanyId\" IS NULL AND \"CertifyingBodyId\" IS NOT NULL AND \"BuyerId\" IS NULL) OR (\"CompanyId\" IS NULL AND \"CertifyingBodyId\" IS NULL AND \"BuyerId\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerApiKeys_BuyerId",
                table: "BuyerApiKeys",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerApiKeys_Hash",
                table: "BuyerApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuyerMemberships_BuyerId_UserId",
                table: "BuyerMemberships",
                columns: new[] { "BuyerId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuyerMemberships_UserId",
                table: "BuyerMemberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_DistinctiveEvents_DedupeKey",
                table: "DistinctiveEvents",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DistinctiveEvents_DistinctiveId",
                table: "DistinctiveEvents",
                column: "DistinctiveId");

            migrationBuilder.CreateIndex(
                name: "IX_DistinctiveEvents_FannedOutAt",
                table: "DistinctiveEvents",
                column: "FannedOutAt");

            migrationBuilder.CreateIndex(
                name: "IX_DistinctiveEvents_Rfc_OccurredAt",
                table: "DistinctiveEvents",
                columns: new[] { "Rfc", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedSuppliers_BuyerId_Rfc",
                table: "WatchedSuppliers",
                columns: new[] { "BuyerId", "Rfc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WatchedSuppliers_Rfc",
                table: "WatchedSuppliers",
                column: "Rfc");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_MessageId",
                table: "WebhookDeliveries",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_WebhookEndpointId_CreatedAt",
                table: "WebhookDeliveries",
                columns: new[] { "WebhookEndpointId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookEndpoints_BuyerId",
                table: "WebhookEndpoints",
                column: "BuyerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Invitations_Buyers_BuyerId",
                table: "Invitations",
                column: "BuyerId",
                principalTable: "Buyers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Invitations_Buyers_BuyerId",
                table: "Invitations");

            migrationBuilder.DropTable(
                name: "BuyerApiKeys");

            migrationBuilder.DropTable(
                name: "BuyerMemberships");

            migrationBuilder.DropTable(
                name: "DistinctiveEvents");

            migrationBuilder.DropTable(
                name: "WatchedSuppliers");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropTable(
                name: "Buyers");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_BuyerId",
                table: "Invitations");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Invitations_OneTenant",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "BuyerId",
                table: "Invitations");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Invitations_OneTenant",
                table: "Invitations",
                sql: "(\"CompanyId\" IS NULL AND \"CertifyingBodyId\" IS NOT NULL) OR (\"CompanyId\" IS NOT NULL AND \"CertifyingBodyId\" IS NULL)");
        }
    }
}
