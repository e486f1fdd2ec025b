import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.anjian.readers.*;

/**
 * CPU a form of the front door and the summary read (SubmissionFiles.open, then
 * SummaryTableFileReader.read with the same reader, as IntakeReaders builds them), one
 * file at a time, the process's CPU per round; "locate" as a third argument: formOf on
 * every sheet's grid, this thread's CPU. Not part of the build; run on a build's readers:
 * javac -cp CP -d . ReadCpu.java; java -Xmx512m -cp .:CP ReadCpu DIR ROUNDS [locate]
 * (CP: an anjian.jar's BOOT-INF/lib/*.jar, its readers jar swapped for the build's).
 */
public class ReadCpu {
  public static void main(String[] a) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of(a[0]))) { files = s.filter(Files::isRegularFile).sorted().toList(); }
    int rounds = Integer.parseInt(a[1]);
    SummaryTableFileReader reader = new SummaryTableFileReader();
    // one reader for the front door and the read, as the intake builds them
    SubmissionFiles door = new SubmissionFiles(reader, org.anjian.readers.lists.ListDefinition.bundled(), org.anjian.readers.limits.ReaderLimits.forLists());
    if (a.length > 2 && a[2].equals("locate")) {
      List<org.anjian.readers.grid.Grid> grids = new ArrayList<>();
      for (Path f : files) try (var src = org.anjian.readers.rows.SpreadsheetSources.open(f)) {
        for (var sh : src.sheets()) try (var rows = src.open(sh)) { grids.add(org.anjian.readers.rows.Grids.read(rows)); }
      }
      var mx = ManagementFactory.getThreadMXBean();
      for (int r = 1; r <= rounds; r++) {
        long c0 = mx.getCurrentThreadCpuTime(); int found = 0;
        for (var g : grids) if (reader.formOf(g) != null) found++;
        System.out.printf(Locale.ROOT, "locate round %d: %.1f us CPU a grid, found %d%n", r, (mx.getCurrentThreadCpuTime() - c0) / 1e3 / grids.size(), found);
      }
      return;
    }
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<Double> per = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      long cpu0 = os.getProcessCpuTime(); long t0 = System.nanoTime(); int tables = 0; int findings = 0;
      for (Path f : files) {
        SubmissionFile opened = door.open(f);
        SubmissionRead read = reader.read(opened);
        if (read.table() != null) tables++;
        findings += read.findings().size();
      }
      double ms = (os.getProcessCpuTime() - cpu0) / 1e6 / files.size();
      per.add(ms);
      System.out.printf(Locale.ROOT, "round %d: %.3f ms CPU a form (wall %.3f), tables %d findings %d%n", r, ms, (System.nanoTime() - t0) / 1e6 / files.size(), tables, findings);
    }
    List<Double> warm = new ArrayList<>(per.subList(rounds / 2, rounds)); Collections.sort(warm);
    System.out.printf(Locale.ROOT, "median of last %d: %.3f ms CPU a form%n", warm.size(), warm.get(warm.size() / 2));
  }
}
