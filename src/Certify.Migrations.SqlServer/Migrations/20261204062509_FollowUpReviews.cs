using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpEvidence");

            migrationBuilder.DropTable(
                name: "FollowUpRequests");

            migrationBuilder.CreateTable(
                name: "FollowUpReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConcernId = table.Column<long>(type: "bigint", nullable: false),
                    AssessmentId = table.Column<int>(type: "int", nullable: false),
                    SubmissionNumber = table.Column<int>(type: "int", nullable: false),
                    AuditorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RemindedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpReviews_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUpReviews_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpQuestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FollowUpReviewId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Request = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpQuestions_FollowUpReviews_FollowUpReviewId",
                        column: x => x.FollowUpReviewId,
                        principalTable: "FollowUpReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpQuestions_FollowUpReviewId_QuestionCode",
                table: "FollowUpQuestions",
                columns: new[] { "FollowUpReviewId", "QuestionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpReviews_AssessmentId_SubmissionNumber",
                table: "FollowUpReviews",
                columns: new[] { "AssessmentId", "SubmissionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpReviews_ConcernId",
                table: "FollowUpReviews",
                column: "ConcernId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpQuestions");

            migrationBuilder.DropTable(
                name: "FollowUpReviews");

            migrationBuilder.CreateTable(
                name: "FollowUpRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CompanyId = table.Column<int>(type: "int", nullable: false),
                    ConcernId = table.Column<long>(type: "bigint", nullable: false),
                    Answer = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    AnsweredByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    AnsweredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AssessmentId = table.Column<int>(type: "int", nullable: false),
                    CertifyingBodyId = table.Column<int>(type: "int", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    QuestionCode = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    Request = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "FollowUpEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FollowUpRequestId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StorageKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpEvidence_FollowUpRequests_FollowUpRequestId",
                        column: x => x.FollowUpRequestId,
                        principalTable: "FollowUpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpEvidence_FollowUpRequestId",
                table: "FollowUpEvidence",
                column: "FollowUpRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_CompanyId_AnsweredOn",
                table: "FollowUpRequests",
                columns: new[] { "CompanyId", "AnsweredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpRequests_ConcernId",
                table: "FollowUpRequests",
                column: "ConcernId");
        }
    }
}
