import java.sql.*; import java.nio.file.*;
import java.lang.management.*;
public class Q {
  public static void main(String[] a) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a[0]); Statement st = c.createStatement()) {
      for (int i = 1; i < a.length; i++) {
        long t = System.nanoTime(); long cp = os.getProcessCpuTime();
        boolean r = st.execute(a[i]); String first = "";
        if (r) try (ResultSet rs = st.getResultSet()) { int n=0; while (rs.next()) { if (n++<3) first += rs.getString(1)+" "; } first += "("+n+" rows)"; }
        System.out.printf("%6.0f ms %6.0f cpu  %s  -> %s%n", (System.nanoTime()-t)/1e6, (os.getProcessCpuTime()-cp)/1e6, a[i].length()>90?a[i].substring(0,90):a[i], first.length()>150?first.substring(0,150):first);
      }
    }
  }
}
