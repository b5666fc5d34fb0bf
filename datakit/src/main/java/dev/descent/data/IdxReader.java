package dev.descent.data;

import dev.descent.api.DataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: two zero bytes, a type byte, the number of
 * dimensions, each dimension as a big-endian 32-bit count, then the values, big-endian, the first
 * dimension slowest. A gzip-compressed file (as the data sets are distributed) is recognised by its
 * first bytes, whatever its name.
 *
 * <p>Every problem is a {@link DataException} naming the file: not IDX (the first bytes), an unknown
 * type, a count that is negative or too large, a file that ends early (how many items it holds), bytes
 * after the last item, a value that is not finite. The values are read in pieces, so a header that
 * claims more than the file holds never makes the reader allocate what it claims.
 */
public final class IdxReader {

    /** The type codes of the format, by the size of one value. */
    private static final int UBYTE = 0x08;
    private static final int BYTE = 0x09;
    private static final int SHORT = 0x0B;
    private static final int INT = 0x0C;
    private static final int FLOAT = 0x0D;
    private static final int DOUBLE = 0x0E;

    /** More dimensions than any IDX file has; a header claiming more is not one. */
    private static final int MAX_DIMENSIONS = 8;

    private IdxReader() {
    }

    /**
     * What an IDX file holds.
     *
     * @param dimensions the file's dimensions; the first is the number of items
     * @param items      how many items were read: all, or the limit asked for
     * @param values     {@code items ×} (the product of the other dimensions) values, in file order
     */
    public record Contents(int[] dimensions, int items, float[] values) {

        /** The number of values per item: 784 for a 28 × 28 image, 1 for a label. */
        public int itemSize() {
            int size = 1;
            for (int i = 1; i < dimensions.length; i++) {
                size *= dimensions[i];
            }
            return size;
        }

        /** The dimensions as written in messages: {@code 60000 × 28 × 28}. */
        public String shape() {
            return Arrays.stream(dimensions).mapToObj(Integer::toString).reduce((a, b) -> a + " × " + b).orElse("");
        }
    }

    /**
     * Reads the first {@code limit} items of {@code file} (all of them when it holds fewer).
     *
     * @param what what the file is, for messages, e.g. {@code the training images}
     */
    public static Contents read(Path file, int limit, String what) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit);
        }
        String name = what + " (" + file + ")";
        try (InputStream in = open(file, name)) {
            byte[] header = in.readNBytes(4);
            if (header.length < 4 || header[0] != 0 || header[1] != 0) {
                throw new DataException(name + " is not an IDX file: it begins with " + hex(header)
                        + ", and an IDX file begins with two zero bytes, a type and the number of dimensions");
            }
            int type = header[2] & 0xff;
            int width = width(type, name);
            int rank = header[3] & 0xff;
            if (rank < 1 || rank > MAX_DIMENSIONS) {
                throw new DataException(name + " is not a usable IDX file: it declares " + rank
                        + " dimensions (1 to " + MAX_DIMENSIONS + " are accepted)");
            }
            byte[] sizes = in.readNBytes(4 * rank);
            if (sizes.length < 4 * rank) {
                throw new DataException(name + " is truncated: it ends inside its header of " + rank
                        + " dimensions; download it again");
            }
            int[] dimensions = new int[rank];
            ByteBuffer buffer = ByteBuffer.wrap(sizes).order(ByteOrder.BIG_ENDIAN);
            long itemSize = 1;
            for (int i = 0; i < rank; i++) {
                dimensions[i] = buffer.getInt();
                if (dimensions[i] < 0) {
                    throw new DataException(name + " is not a usable IDX file: dimension " + (i + 1) + " is "
                            + Integer.toUnsignedString(dimensions[i]) + ", more than 2^31 - 1");
                }
                if (i > 0) {
                    itemSize *= dimensions[i];   // each factor < 2^31 and the product so far ≤ 2^31: no overflow
                    if (itemSize > Integer.MAX_VALUE - 8) {
                        throw new DataException(name + " holds items of more than 2^31 values (" + Arrays.toString(
                                Arrays.copyOfRange(dimensions, 1, i + 1)) + " …): more than one array holds");
                    }
                }
            }
            int items = Math.min(limit, dimensions[0]);
            long count = items * itemSize;
            if (itemSize > Integer.MAX_VALUE - 8 || count > Integer.MAX_VALUE - 8) {
                throw new DataException(name + " holds items of " + itemSize + " values, " + count
                        + " values in all: more than one array holds; read fewer examples");
            }
            float[] values = readValues(in, type, width, (int) count, (int) itemSize, items, name);
            if (items == dimensions[0] && in.read() != -1) {
                throw new DataException(name + " has bytes after its last item: its header says " + dimensions[0]
                        + " items of " + itemSize + " values; it is not an IDX file of that shape");
            }
            return new Contents(dimensions, items, values);
        } catch (ZipException e) {
            throw new DataException(name + " is not valid gzip data (" + e.getMessage() + "); download it again");
        } catch (EOFException e) {
            throw new DataException(name + " is truncated: the compressed data ends early; download it again");
        } catch (AccessDeniedException e) {
            throw new DataException(name + " cannot be read: permission denied");
        } catch (NoSuchFileException e) {
            throw new DataException(name + " does not exist");
        } catch (IOException e) {
            throw new DataException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file, String name) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataException(name + " is a folder, not an IDX file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static int width(int type, String name) {
        return switch (type) {
            case UBYTE, BYTE -> 1;
            case SHORT -> 2;
            case INT, FLOAT -> 4;
            case DOUBLE -> 8;
            default -> throw new DataException(name + " is not a usable IDX file: its type byte is 0x"
                    + String.format("%02x", type) + ", not one of 0x08 (unsigned byte), 0x09, 0x0b, 0x0c, 0x0d, 0x0e");
        };
    }

    /**
     * Reads {@code count} values in pieces of a MiB and converts them once all are there, so that what
     * is allocated is what the file holds, not what its header claims.
     */
    private static float[] readValues(InputStream in, int type, int width, int count, int itemSize, int items,
                                      String name) throws IOException {
        java.util.List<byte[]> pieces = new java.util.ArrayList<>();
        long wanted = (long) count * width;
        long read = 0;
        while (read < wanted) {
            int want = (int) Math.min(1 << 20, wanted - read);
            byte[] piece = in.readNBytes(want);
            read += piece.length;
            pieces.add(piece);
            if (piece.length < want) {
                throw new DataException(name + " is truncated: its header says " + items + " items of " + itemSize
                        + " values, but it ends in item " + (read / width / itemSize + 1) + "; download it again");
            }
        }
        Memory.require((long) count * Float.BYTES, name);
        float[] values = new float[count];
        int done = 0;
        for (byte[] bytes : pieces) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
            for (int i = 0, n = bytes.length / width; i < n; i++) {
                float v = switch (type) {
                    case UBYTE -> bytes[i] & 0xff;
                    case BYTE -> bytes[i];
                    case SHORT -> buffer.getShort();
                    case INT -> buffer.getInt();
                    case FLOAT -> buffer.getFloat();
                    default -> (float) buffer.getDouble();
                };
                if (!Float.isFinite(v)) {
                    throw new DataException(name + " holds a value that is not a finite float (" + v + ") in item "
                            + (done / itemSize + 1) + "; the features must be numbers");
                }
                values[done++] = v;
            }
        }
        return values;
    }

    private static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(s.length() == 0 ? "" : " ").append(String.format("0x%02x", b & 0xff));
        }
        return s.toString();
    }
}
