package se.kvalitet.report.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * PAdES baseline B-B signatures with PDFBox and BouncyCastle: a detached CAdES signature
 * ({@code ETSI.CAdES.detached}) over the document's byte range, with the signing certificate
 * referenced by its SHA-256 (signing-certificate-v2) and no signing-time attribute (the time is the
 * signature dictionary's M), added as an incremental update so the signed revision stays byte for
 * byte the PDF/A-2 and PDF/UA-1 document rendered before; and their verification.
 */
public final class PadesSignatures {

    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");

    private PadesSignatures() {}

    /**
     * Signs {@code pdf} in its empty signature field (or a new invisible one) at {@code at}, with
     * {@code reason} in the signature dictionary; returns the signed document (the original bytes
     * followed by the incremental update).
     */
    public static byte[] sign(byte[] pdf, SigningKey key, Instant at, String reason) {
        try (PDDocument doc = Loader.loadPDF(pdf);
                ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 40_000)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(ETSI_CADES_DETACHED);
            signature.setReason(reason);
            Calendar time = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
            time.setTimeInMillis(at.toEpochMilli());
            signature.setSignDate(time);
            PDSignatureField field = emptyField(doc);
            if (field != null) {
                field.getCOSObject().setItem(COSName.V, signature);
            }
            SignatureOptions options = new SignatureOptions();
            options.setPreferredSignatureSize(24_000);
            doc.addSignature(signature, content -> cms(content, key), options);
            doc.saveIncremental(out);
            options.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDSignatureField emptyField(PDDocument doc) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return null;
        }
        for (PDField f : form.getFieldTree()) {
            if (f instanceof PDSignatureField s && s.getSignature() == null) {
                return s;
            }
        }
        return null;
    }

    /** The CMS SignedData (detached) over {@code content}, as PAdES B-B wants its signed attributes. */
    static byte[] cms(InputStream content, SigningKey key) throws IOException {
        try {
            X509Certificate cert = key.certificate();
            String algorithm = "RSA".equals(key.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            X509CertificateHolder holder = new X509CertificateHolder(cert.getEncoded());
            ESSCertIDv2 id = new ESSCertIDv2(
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                    certHash,
                    new IssuerSerial(new GeneralNames(new GeneralName(holder.getIssuer())), holder.getSerialNumber()));
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id}))));
            DefaultSignedAttributeTableGenerator signedAttributes =
                    new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)) {
                        @Override
                        @SuppressWarnings({"rawtypes", "unchecked"})
                        protected Hashtable createStandardAttributeTable(Map parameters) {
                            Hashtable table = super.createStandardAttributeTable(parameters);
                            // PAdES: the claimed signing time is the signature dictionary's M, not a CMS attribute
                            table.remove(CMSAttributes.signingTime);
                            return table;
                        }
                    };
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(
                    new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                            .setSignedAttributeGenerator(signedAttributes)
                            .build(new JcaContentSignerBuilder(algorithm).build(key.privateKey()), cert));
            generator.addCertificates(new JcaCertStore(key.chain()));
            return generator
                    .generate(new CMSProcessableByteArray(content.readAllBytes()), false)
                    .getEncoded();
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("could not sign", e);
        }
    }

    /** One signature found in a PDF. */
    public record Found(
            boolean valid,
            boolean coversWholeFile,
            int signedLength,
            String subFilter,
            String signer,
            String certificateSha256,
            Instant signedAt,
            String signedRevisionSha256) {}

    /**
     * Every signature of {@code pdf}, each checked: the CMS signature verifies with its certificate
     * over the byte range, and the message digest is the byte range's; with the hash of the revision
     * it signs (the bytes up to the end of its byte range).
     *
     * @throws IllegalArgumentException when the bytes are not a PDF
     */
    public static List<Found> verify(byte[] pdf) {
        List<Found> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDSignature s : doc.getSignatureDictionaries()) {
                out.add(check(s, pdf));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable PDF", e);
        }
        return out;
    }

    private static Found check(PDSignature s, byte[] pdf) throws IOException {
        int[] range = s.getByteRange();
        int end = range.length == 4 ? range[2] + range[3] : 0;
        String subFilter = s.getSubFilter();
        Instant at = s.getSignDate() == null ? null : s.getSignDate().toInstant();
        if (range.length != 4 || end > pdf.length || range[0] != 0) {
            return new Found(false, false, 0, subFilter, null, null, at, null);
        }
        String revision = sha256(pdf, end);
        try {
            CMSSignedData cms =
                    new CMSSignedData(new CMSProcessableByteArray(s.getSignedContent(pdf)), s.getContents(pdf));
            SignerInformation signer =
                    cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches(signer.getSID());
            if (certs.isEmpty()) {
                return new Found(false, end == pdf.length, end, subFilter, null, null, at, revision);
            }
            X509CertificateHolder cert = certs.iterator().next();
            boolean valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            String subject = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(cert)
                    .getSubjectX500Principal()
                    .getName(javax.security.auth.x500.X500Principal.RFC1779);
            return new Found(
                    valid, end == pdf.length, end, subFilter, subject, sha256(cert.getEncoded(), -1), at, revision);
        } catch (CMSException
                | OperatorCreationException
                | java.security.cert.CertificateException
                | RuntimeException e) {
            return new Found(false, end == pdf.length, end, subFilter, null, null, at, revision);
        }
    }

    /** SHA-256 (hex) of the first {@code length} bytes ({@code -1}: all). */
    public static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length < 0 ? bytes.length : length);
            return HexFormat.of().formatHex(d.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
