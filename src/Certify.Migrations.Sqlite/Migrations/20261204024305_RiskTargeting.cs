using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RiskTargeting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Concerns_CompanyId",
                table: "Concerns");

            migrationBuilder.AddColumn<int>(
                name: "PriorityModelVersion",
                table: "Reviews",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CriticalFailureCount",
                table: "AssessmentSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Submissions recorded before this column: count the score's list of critical failures.
            migrationBuilder.Sql("UPDATE \"AssessmentSnapshots\" SET \"CriticalFailureCount\" = COALESCE(json_array_length(\"ScoreJson\", '$.CriticalFailures'), 0) WHERE json_valid(\"ScoreJson\");");

            migrationBuilder.CreateTable(
                name: "RiskModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TrainedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Observations = table.Column<int>(type: "INTEGER", nullable: false),
                    Positives = table.Column<int>(type: "INTEGER", nullable: false),
                    Intercept = table.Column<double>(type: "REAL", nullable: false),
                    WeightsJson = table.Column<string>(type: "TEXT", nullable: false),
                    BackTestJson = table.Column<string>(type: "TEXT", nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskModelVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskModelVersions_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertifyingBodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Requested = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    Candidates = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ItemsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskSamples_CertifyingBodies_CertifyingBodyId",
                        column: x => x.CertifyingBodyId,
                        principalTable: "CertifyingBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_CompanyId_ReceivedOn",
                table: "Concerns",
                columns: new[] { "CompanyId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CompanyId_ProgramId",
                table: "Assessments",
                columns: new[] { "CompanyId", "ProgramId" });

            migrationBuilder.CreateIndex(
                name: "IX_RiskModelVersions_ProgramId_Fingerprint",
                table: "RiskModelVersions",
                columns: new[] { "ProgramId", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskModelVersions_ProgramId_Version",
                table: "RiskModelVersions",
                columns: new[] { "ProgramId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskSamples_CertifyingBodyId_DrawnAt",
                table: "RiskSamples",
                columns: new[] { "CertifyingBodyId", "DrawnAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RiskModelVersions");

            migrationBuilder.DropTable(
                name: "RiskSamples");

            migrationBuilder.DropIndex(
                name: "IX_Concerns_CompanyId_ReceivedOn",
                table: "Concerns");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_CompanyId_ProgramId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PriorityModelVersion",
                table: "Reviews");

            migrationBuilder.DropColumn(
                name: "CriticalFailureCount",
                table: "AssessmentSnapshots");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_CompanyId",
                table: "Concerns",
                column: "CompanyId");
        }
    }
}
