using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Certify.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class WorkerVoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConcernDaySalts",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Salt = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernDaySalts", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CertifyingBodyId = table.Column<int>(type: "integer", nullable: false),
                    CompanyId = table.Column<int>(type: "integer", nullable: false),
                    DistinctiveId = table.Column<long>(type: "bigint", nullable: false),
                    Topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AcknowledgedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FeedbackOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportCipher = table.Column<string>(type: "text", nullable: false),
                    ContactCipher = table.Column<string>(type: "text", nullable: true),
                    CloseReasonCipher = table.Column<string>(type: "text", nullable: true),
                    LookupId = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    SecretSalt = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    AssignedAuditorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RemindedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AcknowledgeEscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FeedbackEscalatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concerns_CertifyingBodies_CertifyingBodyId",
                        column: x => x.CertifyingBodyId,
                        principalTable: "CertifyingBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Distinctives_DistinctiveId",
                        column: x => x.DistinctiveId,
                        principalTable: "Distinctives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConcernThrottles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernThrottles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConcernMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<long>(type: "bigint", nullable: false),
                    FromReporter = table.Column<bool>(type: "boolean", nullable: false),
                    TextCipher = table.Column<string>(type: "text", nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AuthorUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernMessages_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConcernId = table.Column<long>(type: "bigint", nullable: false),
                    CertifyingBodyId = table.Column<int>(type: "integer", nullable: false),
                    CompanyId = table.Column<int>(type: "integer", nullable: false),
                    AssessmentId = table.Column<int>(type: "integer", nullable: false),
                    QuestionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Request = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AnsweredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpRequests_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpRequests_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernMessages_ConcernId",
                table: "ConcernMessages",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_CertifyingBodyId_State",
                table: "Concerns",
                columns: new[] { "CertifyingBodyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_CompanyId",
                table: "Concerns",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_DistinctiveId",
                table: "Concerns",
                column: "DistinctiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_LookupId",
                table: "Concerns",
                column: "LookupId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConcernThrottles_Day_Kind_Key",
                table: "ConcernThrottles",
                columns: new[] { "Day", "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_CompanyId_AnsweredOn",
                table: "FollowUpRequests",
                columns: new[] { "CompanyId", "AnsweredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_ConcernId",
                table: "FollowUpRequests",
                column: "ConcernId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernDaySalts");

            migrationBuilder.DropTable(
                name: "ConcernMessages");

            migrationBuilder.DropTable(
                name: "ConcernThrottles");

            migrationBuilder.DropTable(
                name: "FollowUpRequests");

            migrationBuilder.DropTable(
                name: "Concerns");
        }
    }
}
