package org.anjian.jobs.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <home>/.lock}: one anjian process per home. Because of it,
 * a job execution that the repository still calls STARTED when we hold the lock belongs
 * to a process that died (kill -9) and can be recovered.
 */
public final class HomeLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private HomeLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** No lock at all, for read-only commands. */
	public static HomeLock shared() {
		return new HomeLock(null, null);
	}

	/** The lock, or null when another process holds it. */
	public static HomeLock acquire(Path home) {
		try {
			Files.createDirectories(home);
			FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			try {
				FileLock lock = channel.tryLock();
				if (lock == null) {
					channel.close();
					return null;
				}
				return new HomeLock(channel, lock);
			}
			catch (OverlappingFileLockException ex) {
				channel.close();
				return null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法锁定数据目录 " + home + "：" + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		if (lock == null) {
			return;
		}
		try {
			lock.release();
			channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
