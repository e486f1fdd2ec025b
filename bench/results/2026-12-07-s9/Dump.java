import java.sql.*;
import java.io.*;
public class Dump {
  static java.util.Properties props() { java.util.Properties p = new java.util.Properties(); p.setProperty("duckdb.read_only", "true"); return p; }
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a[0] + "/warehouse.duckdb", props());
         PrintWriter out = new PrintWriter(new FileWriter(a[1]))) {
      String[] tables = {"audit_file","audit_issue","audit_header","land_submission_line","land_submission_month_line","audit_explanation"};
      for (String t : tables) {
        String sql = t.equals("audit_file") ? "SELECT * EXCLUDE (ingested_at) FROM audit_file ORDER BY ALL" : "SELECT * FROM " + t + " ORDER BY ALL";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
          int n = r.getMetaData().getColumnCount(); long rows = 0;
          out.println("## " + t);
          while (r.next()) { StringBuilder b = new StringBuilder(); for (int i = 1; i <= n; i++) { if (i > 1) b.append('|'); b.append(r.getString(i)); } out.println(b); rows++; }
          System.out.println(t + " " + rows);
        }
      }
    }
  }
}
