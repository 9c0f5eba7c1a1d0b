using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class VerifiedSignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SignatureValid",
                table: "Distinctives",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SignatureVerifiedAt",
                table: "Distinctives",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SignatureValid",
                table: "Distinctives");

            migrationBuilder.DropColumn(
                name: "SignatureVerifiedAt",
                table: "Distinctives");
        }
    }
}
