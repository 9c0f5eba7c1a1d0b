using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegistryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Distinctives_LegalName",
                table: "Distinctives");

            migrationBuilder.DropIndex(
                name: "IX_Distinctives_State_LevelCode",
                table: "Distinctives");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_RegistryByName",
                table: "Distinctives",
                columns: new[] { "LegalName", "State", "LevelCode", "ProgramId", "ValidUntil", "ValidFrom", "SuspendedAt", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_RegistryFacets",
                table: "Distinctives",
                columns: new[] { "State", "LevelCode", "ProgramId", "ValidUntil", "ValidFrom", "SuspendedAt", "RevokedAt", "LegalName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Distinctives_RegistryByName",
                table: "Distinctives");

            migrationBuilder.DropIndex(
                name: "IX_Distinctives_RegistryFacets",
                table: "Distinctives");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_LegalName",
                table: "Distinctives",
                column: "LegalName");

            migrationBuilder.CreateIndex(
                name: "IX_Distinctives_State_LevelCode",
                table: "Distinctives",
                columns: new[] { "State", "LevelCode" });
        }
    }
}
