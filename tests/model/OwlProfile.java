// The OWL API's OWL 2 DL profile checker on RDF documents, merged into one ontology.
// Run with Java's source launcher: java -cp OWLAPI_JARS OwlProfile.java FILE...
// Prints each violation, then "violations: N"; exits 0 when the ontology is in OWL 2 DL, 1 when not.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology merged = manager.createOntology();
        for (String path : args) {
            OWLOntology part = manager.loadOntologyFromOntologyDocument(new File(path));
            manager.addAxioms(merged, part.axioms());
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(merged);
        for (OWLProfileViolation v : report.getViolations()) {
            String text = v.toString();
            System.out.println(v.getClass().getSimpleName() + ": " + text.substring(0, Math.min(text.length(), 300)));
        }
        System.out.println("violations: " + report.getViolations().size());
        System.exit(report.isInProfile() ? 0 : 1);
    }
}
