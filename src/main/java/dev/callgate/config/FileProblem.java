package dev.callgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Why a JSON file Callgate starts from could not be used, in a few words on one line. */
public final class FileProblem {
    private FileProblem() {
    }

    public static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return "not valid JSON at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
                    + ": " + json.getOriginalMessage().lines().findFirst().orElse("");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
