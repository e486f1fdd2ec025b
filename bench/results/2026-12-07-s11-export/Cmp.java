import java.sql.*; import java.nio.file.*; import java.util.*; import java.util.stream.*;
// Compares two homes' exports and analyst snapshots: file sets, non-Parquet files byte for byte,
// Parquet files by content (except all both ways) and also in row order, snapshot tables order-free.
public class Cmp {
  public static void main(String[] a) throws Exception {
    Path A = Path.of(a[0]), B = Path.of(a[1]); int bad = 0, parquet = 0, other = 0;
    for (String sub : List.of("exports", "analyst")) {
      Set<String> fa = files(A.resolve(sub)), fb = files(B.resolve(sub));
      if (!fa.equals(fb)) { System.out.println("FILE SETS DIFFER in " + sub + ": " + diff(fa, fb) + " / " + diff(fb, fa)); bad++; }
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
        for (String f : fa) {
          if (!fb.contains(f) || f.endsWith(".duckdb")) continue;
          Path pa = A.resolve(sub).resolve(f), pb = B.resolve(sub).resolve(f);
          if (f.endsWith(".parquet")) {
            parquet++;
            String ra = "read_parquet('" + pa + "')", rb = "read_parquet('" + pb + "')";
            long d1 = one(st, "select count(*) from (select * from " + ra + " except all select * from " + rb + ")");
            long d2 = one(st, "select count(*) from (select * from " + rb + " except all select * from " + ra + ")");
            long n = one(st, "select count(*) from " + ra);
            long ord = one(st, "select count(*) from (select row_number() over () r, * from " + ra + " except all select row_number() over () r, * from " + rb + ")");
            if (d1 != 0 || d2 != 0 || n != one(st, "select count(*) from " + rb)) { System.out.println("PARQUET DIFFERS " + f); bad++; }
            else if (ord != 0) System.out.println("same rows, other order: " + f + " (" + n + " rows)");
          } else {
            other++;
            if (!Arrays.equals(Files.readAllBytes(pa), Files.readAllBytes(pb))) { System.out.println("BYTES DIFFER " + sub + "/" + f); bad++; }
          }
        }
      }
    }
    int tables = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("attach '" + A.resolve("analyst/anjian.duckdb") + "' as sa (read_only)");
      st.execute("attach '" + B.resolve("analyst/anjian.duckdb") + "' as sb (read_only)");
      List<String> ta = names(st, "sa"), tb = names(st, "sb");
      if (!ta.equals(tb)) { System.out.println("SNAPSHOT TABLES DIFFER " + ta + " / " + tb); bad++; }
      for (String t : ta) {
        tables++;
        String x = "sa.main.\"" + t + "\"", y = "sb.main.\"" + t + "\"";
        if (one(st, "select count(*) from (select * from " + x + " except all select * from " + y + ")") != 0
            || one(st, "select count(*) from (select * from " + y + " except all select * from " + x + ")") != 0
            || one(st, "select count(*) from " + x) != one(st, "select count(*) from " + y)) { System.out.println("SNAPSHOT TABLE DIFFERS " + t); bad++; }
      }
    }
    System.out.println((bad == 0 ? "IDENTICAL" : bad + " DIFFERENCES") + ": " + parquet + " Parquet files by content, " + other + " other files byte for byte, " + tables + " snapshot tables and views order-free");
  }
  static List<String> names(Statement st, String db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables where table_catalog = '" + db + "' order by 1")) { while (rs.next()) out.add(rs.getString(1)); }
    return out;
  }
  static long one(Statement st, String q) throws SQLException { try (ResultSet rs = st.executeQuery(q)) { rs.next(); return rs.getLong(1); } }
  static Set<String> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) { return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new)); }
  }
  static Set<String> diff(Set<String> x, Set<String> y) { Set<String> d = new TreeSet<>(x); d.removeAll(y); return d; }
}
