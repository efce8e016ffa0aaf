package se.kvalitet.report.notification;

import java.util.regex.Pattern;

/** Whether a mail address can be given to the mailer as it is: one address, no display name, no line breaks. */
final class MailAddresses {

    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");

    private MailAddresses() {}

    static boolean usable(String email) {
        return email != null && email.length() <= 320 && EMAIL.matcher(email).matches();
    }
}
