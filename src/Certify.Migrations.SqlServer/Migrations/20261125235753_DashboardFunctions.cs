using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Certify.Migrations.SqlServer.Migrations
{
    /// <summary>The scalar functions behind Certify.Data.DbTime (SQLite registers the same two on each connection).</summary>
    public partial class DashboardFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION dbo.certify_ms(@instant datetimeoffset) RETURNS bigint WITH SCHEMABINDING AS
                BEGIN
                    RETURN DATEDIFF_BIG(millisecond, CAST('0001-01-01T00:00:00+00:00' AS datetimeoffset), @instant);
                END
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION dbo.certify_day(@day date) RETURNS int WITH SCHEMABINDING AS
                BEGIN
                    RETURN DATEDIFF(day, CAST('0001-01-01' AS date), @day);
                END
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION dbo.certify_month(@instant datetimeoffset) RETURNS int AS
                BEGIN
                    DECLARE @local datetimeoffset = @instant AT TIME ZONE 'Central Standard Time (Mexico)';
                    RETURN YEAR(@local) * 12 + MONTH(@local) - 1;
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION dbo.certify_month;");
            migrationBuilder.Sql("DROP FUNCTION dbo.certify_day;");
            migrationBuilder.Sql("DROP FUNCTION dbo.certify_ms;");
        }
    }
}
