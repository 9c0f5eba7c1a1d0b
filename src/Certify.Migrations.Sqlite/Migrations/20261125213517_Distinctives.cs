using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Distinctives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Distinctives",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    CertifyingBodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    LegalName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Rfc = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LevelCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StatusListIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    CredentialJwt = table.Column<string>(type: "TEXT", nullable: false),
                    SigningKeyId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PdfStorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastExpiryWarning = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Distinctives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Distinctives_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Distinctives_CertifyingBodies_CertifyingBodyId",
                        column: x => x.CertifyingBodyId,
                        principalTable: "CertifyingBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Distinctives_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Distinctives_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SigningKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CertifyingBodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PublicJwk = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SigningKeys_CertifyingBodies_CertifyingBodyId",
                        column: x => x.CertifyingBodyId,
                        principalTable: "CertifyingBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_AssessmentId",
                table: "Distinctives",
                column: "AssessmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_CertifyingBodyId_StatusListIndex",
                table: "Distinctives",
                columns: new[] { "CertifyingBodyId", "StatusListIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_CompanyId",
                table: "Distinctives",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_LegalName",
                table: "Distinctives",
                column: "LegalName");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_Number",
                table: "Distinctives",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_ProgramId_Year_Sequence",
                table: "Distinctives",
                columns: new[] { "ProgramId", "Year", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_Rfc",
                table: "Distinctives",
                column: "Rfc");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_State_LevelCode",
                table: "Distinctives",
                columns: new[] { "State", "LevelCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_VerificationCode",
                table: "Distinctives",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SigningKeys_CertifyingBodyId",
                table: "SigningKeys",
                column: "CertifyingBodyId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningKeys_Kid",
                table: "SigningKeys",
                column: "Kid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Distinctives");

            migrationBuilder.DropTable(
                name: "SigningKeys");
        }
    }
}
