using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Renewal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PendingConfirmation",
                table: "EvidenceFiles",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RenewsAssessmentId",
                table: "Assessments",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_RenewsAssessmentId",
                table: "Assessments",
                column: "RenewsAssessmentId");

            migrationBuilder.AddForeignKey(
                name: "FK_Assessments_Assessments_RenewsAssessmentId",
                table: "Assessments",
                column: "RenewsAssessmentId",
                principalTable: "Assessments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assessments_Assessments_RenewsAssessmentId",
                table: "Assessments");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_RenewsAssessmentId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PendingConfirmation",
                table: "EvidenceFiles");

            migrationBuilder.DropColumn(
                name: "RenewsAssessmentId",
                table: "Assessments");
        }
    }
}
